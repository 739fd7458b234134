import { html, LitElement } from 'lit';
import { consoleStyles } from '../shared/console-styles.js';

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
export class ConfirmDialog extends LitElement {
  static override styles = [consoleStyles];
  static override properties = { question: { state: true } };

  declare question: Confirmation | undefined;
  #answer: ((confirmed: boolean) => void) | undefined;

  constructor() {
    super();
    this.question = undefined;
  }

  /** Opens the dialog; resolves true on the confirming button, false on Cancel or Escape. */
  async ask(question: Confirmation): Promise<boolean> {
    this.#answer?.(false);
    this.question = question;
    await this.updateComplete;
    this.#dialog().showModal();
    return new Promise((resolve) => {
      this.#answer = resolve;
    });
  }

  #dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog') as HTMLDialogElement;
  }

  #close(confirmed: boolean): void {
    this.#dialog().close();
    this.#answer?.(confirmed);
    this.#answer = undefined;
  }

  override render() {
    const question = this.question;
    return html`<dialog aria-labelledby="confirm-title" @cancel=${() => this.#close(false)}>
      <h2 id="confirm-title">${question?.title}</h2>
      <p>${question?.message}</p>
      <div class="buttons">
        <button type="button" @click=${() => this.#close(false)}>Cancel</button>
        <button type="button" class="primary" @click=${() => this.#close(true)}>
          ${question?.confirmLabel ?? 'Yes'}
        </button>
      </div>
    </dialog>`;
  }
}
