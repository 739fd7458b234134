import type { User } from '@switchboard/contract';
import { html, type nothing, type TemplateResult } from 'lit';

/** What the Delete window shows and does. */
export interface UserDeleteDialogProps {
  /** The user to delete; undefined while the window is closed. */
  user: User | undefined;
  /** Who may receive their phone numbers, the default choice first (see `numberHeirs`). */
  heirs: readonly User[];
  busy: boolean;
  error: TemplateResult | typeof nothing;
  submit(event: Event): void;
  cancel(): void;
  closed(): void;
}

/**
 * The Delete window of Manage Users (`<dialog id="delete-dialog">`): the confirmation, and
 * who receives the user's phone numbers (U5).
 *
 * @example userDeleteDialog({ user, heirs, busy, error, submit, cancel, closed })
 */
export function userDeleteDialog(props: UserDeleteDialogProps): TemplateResult {
  const { user } = props;
  return html`<dialog id="delete-dialog" aria-labelledby="delete-dialog-title"
      @close=${props.closed}>
    <form @submit=${props.submit}>
      <h2 id="delete-dialog-title">Delete ${user?.firstName} ${user?.lastName}?</h2>
      <p>They lose access at once. Their phone numbers pass to the user you choose.</p>
      <label>Phone numbers go to
        <select name="reassignTo">
          ${props.heirs.map(
            (heir, index) => html`<option value=${heir.id} ?selected=${index === 0}>
              ${heir.firstName} ${heir.lastName}</option>`,
          )}
        </select>
      </label>
      ${props.error}
      <div class="buttons">
        <button type="button" @click=${props.cancel}>Cancel</button>
        <button class="primary danger" ?disabled=${props.busy}>Yes, delete</button>
      </div>
    </form>
  </dialog>`;
}
