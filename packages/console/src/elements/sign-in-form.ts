import type { Session } from '@switchboard/contract';
import { html } from 'lit';
import { ConsoleElement, formValues } from '../shared/console-element.js';

/** Fired with `{ token, user }` once a sign-in (or activation) has a session. */
export const signedInEvent = 'sb-signed-in';

/**
 * `<sb-sign-in>`: email and password, then the emailed six-digit code when the user has
 * two-factor sign-in on. Fires `sb-signed-in` with the session.
 */
export class SignInForm extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    challenge: { state: true },
  };

  declare challenge: { id: string; email: string } | undefined;

  constructor() {
    super();
    this.challenge = undefined;
  }

  async #signIn(event: Event) {
    const { email = '', password = '' } = formValues(event);
    const result = await this.run('signIn', () => this.api.auth.login({ email, password }));
    if (!result) return;
    if ('challenge' in result) this.challenge = { id: result.challenge.id, email };
    else this.#done(result);
  }

  async #verify(event: Event) {
    const { code = '' } = formValues(event);
    const challengeId = this.challenge?.id ?? '';
    const session = await this.run(
      'verify',
      () => this.api.auth.verifyLogin({ challengeId, code }),
      { invalid_code: 'code' },
    );
    if (session) this.#done(session);
  }

  #done(session: Session) {
    this.announce(signedInEvent, session);
  }

  override render() {
    if (this.challenge) {
      return html`<form @submit=${this.#verify} novalidate aria-label="Sign-in code">
        <h2>Enter your code</h2>
        <p class="muted">We emailed a six-digit code to ${this.challenge.email}. It is valid for 10 minutes.</p>
        <label>Code
          <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required
            aria-invalid=${this.invalid('verify', 'code')} autofocus />
        </label>
        ${this.errorFor('verify', 'code')}
        ${this.formError('verify')}
        <div class="buttons">
          <button type="button" @click=${() => {
            this.challenge = undefined;
          }}>Back</button>
          <button class="primary" ?disabled=${this.busy.verify}>Verify</button>
        </div>
      </form>`;
    }
    return html`<form @submit=${this.#signIn} novalidate aria-label="Sign in">
      <h2>Sign in</h2>
      <label>Email address
        <input name="email" type="email" autocomplete="username" required
          aria-invalid=${this.invalid('signIn', 'email')} />
      </label>
      ${this.errorFor('signIn', 'email')}
      <label>Password
        <input name="password" type="password" autocomplete="current-password" required
          aria-invalid=${this.invalid('signIn', 'password')} />
      </label>
      ${this.errorFor('signIn', 'password')}
      ${this.formError('signIn')}
      <div class="buttons">
        <button class="primary" ?disabled=${this.busy.signIn}>Sign in</button>
      </div>
    </form>`;
  }
}
