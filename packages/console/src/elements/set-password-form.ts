import { html, nothing } from 'lit';
import { ConsoleElement, formValues } from '../shared/console-element.js';
import { signedInEvent } from './sign-in-form.js';

/**
 * `<sb-set-password purpose="activate|reset">`: the page an emailed link opens. Takes the
 * link's `token`, asks for a new password twice, then either activates the account (and
 * fires `sb-signed-in`) or completes the reset and offers to sign in. Set `email` (and
 * `company`) when known: the page then names the login being set up, and password managers
 * save the new password under that email (the form always has a `username` field for them).
 */
export class SetPasswordForm extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    purpose: { type: String },
    token: { type: String },
    signInHref: { type: String, attribute: 'sign-in-href' },
    email: { type: String },
    company: { type: String },
    done: { state: true },
  };

  declare purpose: 'activate' | 'reset';
  declare token: string;
  declare signInHref: string;
  /** The email of the login whose password is set, if known. */
  declare email: string;
  /** The company name of that login's account, if known. */
  declare company: string;
  declare done: boolean;

  constructor() {
    super();
    this.purpose = 'activate';
    this.token = '';
    this.signInHref = './console';
    this.email = '';
    this.company = '';
    this.done = false;
  }

  async #submit(event: Event) {
    const { password = '', confirm = '' } = formValues(event);
    if (password !== confirm) {
      this.setErrors('password', { fields: { confirm: 'The two passwords differ' } });
      return;
    }
    const input = { token: this.token, password };
    const fields = { weak_password: 'password' };
    if (this.purpose === 'activate') {
      const session = await this.run('password', () => this.api.auth.activate(input), fields);
      if (session) this.announce(signedInEvent, session);
    } else {
      const reset = () => this.api.auth.completePasswordReset(input).then(() => true);
      this.done = (await this.run('password', reset, fields)) === true;
    }
  }

  /** Which login (and account) the password is for, when known. */
  #whose(activating: boolean) {
    if (!this.email) return nothing;
    const company = this.company ? html` at <strong>${this.company}</strong>` : nothing;
    return activating
      ? html`<p>You are activating <strong>${this.email}</strong>${company}.</p>`
      : html`<p>You are choosing a new password for <strong>${this.email}</strong>${company}.</p>`;
  }

  override render() {
    if (!this.token) {
      return html`<p class="error" role="alert">
        This page needs the link from your email. Open the link again, or ask an admin of your
        account to send a new one.
      </p>`;
    }
    if (this.done) {
      return html`<h2>Password changed</h2>
        <p class="success" role="status">Your password is set and your other sessions have ended.</p>
        <p><a href=${this.signInHref}>Sign in</a></p>`;
    }
    const activating = this.purpose === 'activate';
    return html`<form @submit=${this.#submit} novalidate aria-label=${activating ? 'Activate your account' : 'Choose a new password'}>
      <h2>${activating ? 'Activate your account' : 'Choose a new password'}</h2>
      ${this.#whose(activating)}
      ${
        this.email
          ? html`<label>Email address
              <input name="username" type="email" autocomplete="username" readonly
                .value=${this.email} />
            </label>`
          : html`<input name="username" type="email" autocomplete="username" hidden />`
      }
      <p class="muted">Use 12 to 256 characters; a sentence you can remember works well.</p>
      <label>New password
        <input name="password" type="password" autocomplete="new-password" required
          aria-invalid=${this.invalid('password', 'password')} />
      </label>
      ${this.errorFor('password', 'password')}
      <label>Repeat the password
        <input name="confirm" type="password" autocomplete="new-password" required
          aria-invalid=${this.invalid('password', 'confirm')} />
      </label>
      ${this.errorFor('password', 'confirm')}
      ${this.formError('password')}
      <div class="buttons">
        <button class="primary" ?disabled=${this.busy.password}>
          ${activating ? 'Activate' : 'Set password'}
        </button>
      </div>
    </form>`;
  }
}
