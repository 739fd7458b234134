import type { User } from '@switchboard/contract';
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldMarks } from '../shared/console-element.js';

/**
 * The fields of the Add and Edit user windows: names, email, admin flag and permissions,
 * filled from `user` (empty when adding), and two-factor shown greyed out when editing,
 * since only its owner may change it.
 *
 * @example html`<form>${userFormFields(user, false, this.fieldMarks('userForm'))}</form>`
 */
export function userFormFields(
  user: User | undefined,
  adding: boolean,
  marks: FieldMarks,
): TemplateResult {
  return html`<label>First Name
      <input name="firstName" required .value=${user?.firstName ?? ''}
        aria-invalid=${marks.invalid('firstName')} />
    </label>
    ${marks.error('firstName')}
    <label>Last Name
      <input name="lastName" required .value=${user?.lastName ?? ''}
        aria-invalid=${marks.invalid('lastName')} />
    </label>
    ${marks.error('lastName')}
    <label>Email Address
      <input name="email" type="email" required .value=${user?.email ?? ''}
        aria-invalid=${marks.invalid('email')} />
    </label>
    ${marks.error('email')}
    <label>Account Admin
      <select name="isAdmin" .value=${user?.isAdmin ? 'yes' : 'no'}
        aria-invalid=${marks.invalid('isAdmin')}>
        <option value="no">No</option>
        <option value="yes">Yes</option>
      </select>
    </label>
    ${marks.error('isAdmin')}
    <fieldset>
      <legend>Permissions</legend>
      <label class="check"><input type="checkbox" name="canCreate"
        .checked=${user?.permissions.canCreate ?? false} /> Can Create</label>
      <label class="check"><input type="checkbox" name="canShare"
        .checked=${user?.permissions.canShare ?? false} /> Can Share</label>
      ${marks.error('permissions')}
    </fieldset>
    ${
      adding
        ? nothing
        : html`<label class="check"><input type="checkbox" disabled
            .checked=${user?.twoFactorEnabled ?? false} /> Two-factor sign-in</label>
          <p class="muted">Only ${user?.firstName ?? 'the user'} can turn two-factor sign-in on or off.</p>`
    }`;
}
