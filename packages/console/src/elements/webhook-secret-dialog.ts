import { css, html, LitElement, nothing } from 'lit';
import { consoleStyles } from '../shared/console-styles.js';
import { copyText } from '../shared/copy-text.js';

/** What the window shows: its title, a sentence before the secret, and the secret. */
export interface SecretReveal {
  title: string;
  lead: string;
  secret: string;
}

/**
 * `<sb-webhook-secret-dialog>`: shows a webhook endpoint's signing secret (`whsec_…`) the
 * one time the API gives it, with a Copy button and the warning that it is not shown again.
 * `await dialog.reveal({ title, lead, secret })` resolves once the admin closes it; the
 * secret then leaves the page.
 */
export class WebhookSecretDialog extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      dialog {
        width: min(36rem, 94vw);
        box-sizing: border-box;
      }
      .secret {
        display: flex;
        gap: 0.5rem;
      }
      .secret input {
        flex: 1 1 auto;
        min-width: 0;
        font: 0.9rem/1.7 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        color: #1d2433;
      }
      .once {
        padding: 0.6rem 0.8rem;
        border-radius: 6px;
        background: #fff3d6;
        color: #5c3f00;
        font-size: 0.92rem;
      }
      p {
        margin: 0 0 0.8rem;
      }
      label {
        margin-bottom: 0.4rem;
      }
    `,
  ];
  static override properties = { shown: { state: true }, copied: { state: true } };

  declare shown: SecretReveal | undefined;
  /** What the last Copy did, said under the secret. */
  declare copied: string;
  #closed: (() => void) | undefined;

  constructor() {
    super();
    this.shown = undefined;
    this.copied = '';
  }

  /** Opens the window with the secret; resolves when it is closed. */
  async reveal(shown: SecretReveal): Promise<void> {
    this.#closed?.();
    this.shown = shown;
    this.copied = '';
    await this.updateComplete;
    this.#dialog().showModal();
    return new Promise((resolve) => {
      this.#closed = resolve;
    });
  }

  #dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog') as HTMLDialogElement;
  }

  #input(): HTMLInputElement {
    return this.renderRoot.querySelector('input') as HTMLInputElement;
  }

  async #copy() {
    // Without the Clipboard API (a page on plain http, permission refused) the selected
    // secret is copied; failing that it stays selected, for the keys.
    this.copied = (await copyText(this.shown?.secret ?? '', this.#input()))
      ? 'Copied to the clipboard.'
      : 'The browser did not let the page copy: the secret is selected, press Ctrl+C (⌘C on a Mac).';
  }

  #close() {
    if (this.#dialog().open) this.#dialog().close();
    this.shown = undefined;
    this.#closed?.();
    this.#closed = undefined;
  }

  override render() {
    const shown = this.shown;
    return html`<dialog aria-labelledby="secret-title" @close=${this.#close}>
      <h2 id="secret-title">${shown?.title}</h2>
      <p>${shown?.lead}</p>
      ${
        shown
          ? html`<label for="secret-value">Signing secret</label>
            <div class="secret">
              <input id="secret-value" readonly .value=${shown.secret} spellcheck="false"
                autocomplete="off" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
              <button type="button" class="primary" @click=${this.#copy}>Copy</button>
            </div>
            <p class="muted" role="status">${this.copied}</p>`
          : nothing
      }
      <p class="once" role="note"><strong>You will not see this secret again.</strong> Store it now
        where your receiver reads it. If it is lost, rotate the secret to get a new one.</p>
      <div class="buttons">
        <button type="button" @click=${this.#close}>Done, I have stored it</button>
      </div>
    </dialog>`;
  }
}
