import { css, html } from 'lit';
import { consoleStyles } from '../shared/console-styles.js';
import { ModalQuestion } from '../shared/modal-question.js';

/** What to ask: a title, the question, and the label of the confirming button. */
export interface Confirmation {
  title: string;
  message: string;
  confirmLabel?: string;
}

/**
 * `<sb-confirm-dialog>`: a modal yes/no question. `await dialog.ask({ title, message })`
 * is true only when the user confirms.
 */
export class ConfirmDialog extends ModalQuestion<Confirmation> {
  static override styles = [
    consoleStyles,
    // A question reads as a paragraph, not a banner across the screen.
    css`
      dialog {
        max-width: min(36rem, 94vw);
      }
    `,
  ];

  override render() {
    const question = this.question;
    return html`<dialog aria-labelledby="confirm-title" @cancel=${() => this.close(false)}>
      <h2 id="confirm-title">${question?.title}</h2>
      <p>${question?.message}</p>
      <div class="buttons">
        <button type="button" @click=${() => this.close(false)}>Cancel</button>
        <button type="button" class="primary" @click=${() => this.close(true)}>
          ${question?.confirmLabel ?? 'Yes'}
        </button>
      </div>
    </dialog>`;
  }
}
