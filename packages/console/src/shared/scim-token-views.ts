import type { ScimToken } from '@switchboard/contract';
import { html, type nothing, type TemplateResult } from 'lit';
import type { Confirmation } from '../elements/confirm-dialog.js';

/**
 * A time as the Provisioning tab shows it, in the browser's language and time zone unless
 * told (`23 Nov 2026, 10:05`).
 *
 * @example timeText(token.createdAt) // 'Nov 23, 2026, 10:05 AM' in American English
 */
export function timeText(at: string, locale?: string, timeZone?: string): string {
  return new Date(at).toLocaleString(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
}

/**
 * A token in a sentence: by its description, else by when it was created (tokens have no
 * other name, and the secret is never shown again).
 *
 * @example tokenTitle(okta) // 'the token “Okta”'
 */
export function tokenTitle(token: ScimToken, locale?: string, timeZone?: string): string {
  return token.description
    ? `the token “${token.description}”`
    : `the token created ${timeText(token.createdAt, locale, timeZone)}`;
}

/**
 * The question asked before a token is revoked.
 *
 * @example revokeConfirmation(okta).title // 'Revoke the token “Okta”?'
 */
export function revokeConfirmation(token: ScimToken): Confirmation {
  return {
    title: `Revoke ${tokenTitle(token)}?`,
    message:
      'The identity provider that uses it is refused from its next request on, and stops provisioning users until you give it a new token. This cannot be undone.',
    confirmLabel: 'Yes, revoke',
  };
}

/** What a row of the tokens table does, and what it shows under its button. */
export interface ScimTokenRowActions {
  revoke(token: ScimToken): void;
  /** True while the row's revocation runs. */
  busy(token: ScimToken): boolean;
  rowError(token: ScimToken): TemplateResult | typeof nothing;
}

/**
 * The table of SCIM tokens: description, when each was created and last used (never the
 * token itself, which only its creation showed), and each row's Revoke button.
 *
 * @example scimTokensTable(tokens, { revoke: askRevoke, busy, rowError })
 */
export function scimTokensTable(
  tokens: readonly ScimToken[],
  actions: ScimTokenRowActions,
): TemplateResult {
  return html`<div class="table-scroll"><table aria-label="SCIM tokens">
      <thead>
        <tr><th>Description</th><th>Created</th><th>Last used</th>
          <th class="actions">Actions</th></tr>
      </thead>
      <tbody>
        ${tokens.map((token) => {
          const title = tokenTitle(token);
          return html`<tr data-token=${token.id}>
            <td>${token.description || html`<span class="muted">No description</span>`}</td>
            <td><time datetime=${token.createdAt}>${timeText(token.createdAt)}</time></td>
            <td>${
              token.lastUsedAt
                ? html`<time datetime=${token.lastUsedAt}>${timeText(token.lastUsedAt)}</time>`
                : html`<span class="muted">Never</span>`
            }</td>
            <td class="actions">
              <button class="link danger" @click=${() => actions.revoke(token)}
                ?disabled=${actions.busy(token)} aria-label=${`Revoke ${title}`}>Revoke</button>
              ${actions.rowError(token)}
            </td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
}
