import type { User } from '@switchboard/contract';
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { userConflictFields } from '../shared/conflict-fields.js';
import { ConsoleElement, formValues } from '../shared/console-element.js';
import { conflictRows, editConflict } from '../shared/edit-conflict.js';

/** Fired with the updated user after the signed-in user changed their own profile. */
export const meChangedEvent = 'sb-me-changed';

/**
 * `<sb-profile>`: the signed-in user's own names, password and two-factor sign-in (only
 * its owner may turn it on or off, re-entering the password). Needs `client` and `me`.
 */
export class ProfilePanel extends ConsoleElement {
  static override properties = {
    ...ConsoleElement.properties,
    me: { attribute: false },
    done: { state: true },
  };

  declare me: User | undefined;
  /** The form that last succeeded, for its confirmation line. */
  declare done: string;

  constructor() {
    super();
    this.me = undefined;
    this.done = '';
  }

  async #saveNames(event: Event) {
    const { firstName = '', lastName = '' } = formValues(event);
    const opened = this.me;
    if (!opened) return;
    this.done = '';
    const patch = {
      ...(firstName !== opened.firstName ? { firstName } : {}),
      ...(lastName !== opened.lastName ? { lastName } : {}),
    };
    const outcome = await this.saveEdit('names', {
      opened,
      send: (version) => this.api.me.update(patch, { ifMatch: version }),
      reload: () => this.api.me.get(),
      conflict: (current) =>
        editConflict(
          'Your profile',
          conflictRows(userConflictFields, opened, current, { ...opened, ...patch }),
        ),
    });
    if (!outcome) return;
    if ('saved' in outcome) this.#changed(outcome.saved, 'names');
    else this.#changed(outcome.discarded, 'namesDiscarded');
  }

  async #changePassword(event: Event) {
    const form = event.target as HTMLFormElement;
    const { currentPassword = '', newPassword = '', confirm = '' } = formValues(event);
    this.done = '';
    if (newPassword !== confirm) {
      this.setErrors('password', { fields: { confirm: 'The two passwords differ' } });
      return;
    }
    const changed = await this.run(
      'password',
      () => this.api.me.changePassword({ currentPassword, newPassword }).then(() => true),
      { wrong_password: 'currentPassword', weak_password: 'newPassword' },
    );
    if (!changed) return;
    form.reset();
    this.done = 'password';
    // A new password is a new version of you (C1): the name form edits that one.
    const me = await this.load('names', () => this.api.me.get());
    if (me) {
      this.me = me;
      this.announce(meChangedEvent, me);
    }
  }

  async #setTwoFactor(event: Event) {
    const form = event.target as HTMLFormElement;
    const { password = '' } = formValues(event);
    this.done = '';
    const enabled = !this.me?.twoFactorEnabled;
    const me = await this.run('twoFactor', () => this.api.me.setTwoFactor({ enabled, password }), {
      wrong_password: 'password',
    });
    if (!me) return;
    form.reset();
    this.#changed(me, 'twoFactor');
  }

  #changed(me: User, form: string) {
    this.me = me;
    this.done = form;
    this.announce(meChangedEvent, me);
  }

  #saved(form: string) {
    return this.done === form ? html`<p class="success" role="status">Saved.</p>` : nothing;
  }

  override render() {
    const me = this.me;
    if (!me) return nothing;
    return html`<section aria-labelledby="profile-title">
      <h2 id="profile-title">My Profile</h2>
      <p class="muted">${me.email}${me.isAdmin ? ' · account admin' : ''}</p>

      ${keyed(
        me.version,
        html`<form @submit=${this.#saveNames} novalidate aria-label="Your name">
        <h3>Name</h3>
        <label>First Name
          <input name="firstName" autocomplete="given-name" .value=${me.firstName}
            aria-invalid=${this.invalid('names', 'firstName')} />
        </label>
        ${this.errorFor('names', 'firstName')}
        <label>Last Name
          <input name="lastName" autocomplete="family-name" .value=${me.lastName}
            aria-invalid=${this.invalid('names', 'lastName')} />
        </label>
        ${this.errorFor('names', 'lastName')}
        ${this.formError('names')} ${this.#saved('names')}
        ${
          this.done === 'namesDiscarded'
            ? html`<p class="notice" role="status">Your edit was discarded. The form shows your
                name as it is now.</p>`
            : nothing
        }
        <div class="buttons"><button class="primary" ?disabled=${this.busy.names}>Save name</button></div>
      </form>`,
      )}

      <form @submit=${this.#changePassword} novalidate aria-label="Change password">
        <h3>Password</h3>
        <label>Current password
          <input name="currentPassword" type="password" autocomplete="current-password"
            aria-invalid=${this.invalid('password', 'currentPassword')} />
        </label>
        ${this.errorFor('password', 'currentPassword')}
        <label>New password
          <input name="newPassword" type="password" autocomplete="new-password"
            aria-invalid=${this.invalid('password', 'newPassword')} />
        </label>
        ${this.errorFor('password', 'newPassword')}
        <label>Repeat the new password
          <input name="confirm" type="password" autocomplete="new-password"
            aria-invalid=${this.invalid('password', 'confirm')} />
        </label>
        ${this.errorFor('password', 'confirm')}
        ${this.formError('password')} ${this.#saved('password')}
        <div class="buttons">
          <button class="primary" ?disabled=${this.busy.password}>Change password</button>
        </div>
      </form>

      <form @submit=${this.#setTwoFactor} novalidate aria-label="Two-factor sign-in">
        <h3>Two-factor sign-in</h3>
        <p>Two-factor sign-in is <strong>${me.twoFactorEnabled ? 'on' : 'off'}</strong>.
          ${
            me.twoFactorEnabled
              ? 'Each sign-in asks for a code we email you.'
              : 'Turn it on to be asked for an emailed code at each sign-in.'
          }</p>
        <label>Your password
          <input name="password" type="password" autocomplete="current-password"
            aria-invalid=${this.invalid('twoFactor', 'password')} />
        </label>
        ${this.errorFor('twoFactor', 'password')}
        ${this.formError('twoFactor')} ${this.#saved('twoFactor')}
        <div class="buttons">
          <button class="primary" ?disabled=${this.busy.twoFactor}>
            ${me.twoFactorEnabled ? 'Turn two-factor off' : 'Turn two-factor on'}
          </button>
        </div>
      </form>
      <sb-conflict-dialog></sb-conflict-dialog>
    </section>`;
  }
}
