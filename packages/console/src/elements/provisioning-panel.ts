import type { ScimToken, ScimTokenCreated } from '@switchboard/contract';
import { css, html, nothing, type PropertyValues } from 'lit';
import { ConsoleElement, formValues } from '../shared/console-element.js';
import { copyText } from '../shared/copy-text.js';
import { scimBaseUrl } from '../shared/scim-base-url.js';
import { revokeConfirmation, scimTokensTable, tokenTitle } from '../shared/scim-token-views.js';
import { SubmissionKey } from '../shared/submission-key.js';
import type { ConfirmDialog } from './confirm-dialog.js';

/** What the last Copy button copied, and whether it got to the clipboard. */
interface CopyOutcome {
  what: 'url' | 'token';
  ok: boolean;
}

const provisioningStyles = css`
  .copy-field {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
    max-width: 48rem;
  }
  .copy-field input {
    flex: 1 1 16rem;
    min-width: 0;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9rem;
  }
  .copy-status {
    font-size: 0.9rem;
  }
  .once {
    padding: 0.6rem 0.8rem;
    border-radius: 6px;
    background: #fff3d6;
    color: #5c3f00;
    margin: 0;
  }
  .toolbar.tokens {
    margin-top: 1.5rem;
  }
  .toolbar h3 {
    margin: 0;
  }
  dialog#token-dialog {
    width: min(44rem, 94vw);
  }
  .token-body {
    display: grid;
    gap: 0.7rem;
  }
  .token-body h2 {
    margin: 0;
  }
  .token-body label {
    margin-bottom: -0.4rem;
  }
  section > p.muted {
    max-width: 48rem;
  }
`;

/**
 * `<sb-provisioning>`: Provisioning for admins — what an identity provider (Okta, Microsoft
 * Entra ID…) needs to keep the account's users in step over SCIM 2.0 (S1): the SCIM base URL
 * to paste, and the account's SCIM tokens with when each was last used. Creates a token and
 * shows it once, with a Copy button; revokes one after confirming. Needs `client`.
 */
export class ProvisioningPanel extends ConsoleElement {
  static override styles = [...ConsoleElement.styles, provisioningStyles];
  static override properties = {
    ...ConsoleElement.properties,
    tokens: { state: true },
    created: { state: true },
    copied: { state: true },
    notice: { state: true },
  };

  declare tokens: ScimToken[] | undefined;
  readonly #createKey = new SubmissionKey();
  /** The token just created: shown in its window once, forgotten when the window closes. */
  declare created: ScimTokenCreated | undefined;
  declare copied: CopyOutcome | undefined;
  declare notice: string;

  constructor() {
    super();
    this.tokens = undefined;
    this.created = undefined;
    this.copied = undefined;
    this.notice = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.#load();
  }

  async #load() {
    const tokens = await this.load('list', () => this.api.scimTokens.list());
    if (tokens) this.tokens = tokens;
  }

  /** The API's base (with its mount prefix) and `/scim/v2`, absolute. */
  #scimUrl(): string {
    return scimBaseUrl(this.api.scimTokens.scimUrl(), location.href);
  }

  async #copy(what: CopyOutcome['what'], text: string, fieldId: string) {
    const field = this.renderRoot.querySelector(`#${fieldId}`) as HTMLInputElement | null;
    this.copied = { what, ok: await copyText(text, field ?? undefined) };
  }

  #copyStatus(what: CopyOutcome['what']) {
    const copied = this.copied;
    if (copied?.what !== what) return html`<span class="copy-status" role="status"></span>`;
    return copied.ok
      ? html`<span class="copy-status success" role="status">Copied to the clipboard.</span>`
      : html`<span class="copy-status error" role="status">
          The browser would not copy it: it is selected, press Ctrl+C (⌘C on a Mac).</span>`;
  }

  async #openCreate() {
    this.notice = '';
    this.setErrors('create', { fields: {} });
    await this.updateComplete;
    const dialog = this.dialog('create-dialog');
    dialog.querySelector('form')?.reset();
    dialog.showModal();
  }

  async #create(event: Event) {
    const { description = '' } = formValues(event);
    // One key per submission: a retry of a lost answer gets the same token (kept sealed).
    const input = { description: description.trim() };
    const created = await this.run('create', () =>
      this.#createKey.send(input, (idempotencyKey) =>
        this.api.scimTokens.create(input, { idempotencyKey }),
      ),
    );
    if (!created) return;
    this.dialog('create-dialog').close();
    this.copied = undefined;
    this.created = created;
    await this.updateComplete;
    this.dialog('token-dialog').showModal();
    await this.#load();
  }

  /** The token window closed: the token leaves the page for good. */
  #forgetToken() {
    const created = this.created;
    this.created = undefined;
    this.copied = undefined;
    if (created) {
      this.notice = `Created ${tokenTitle(created)}. Once your identity provider has used it, the list shows when it last did.`;
    }
  }

  async #revoke(token: ScimToken) {
    this.notice = '';
    const confirm = this.renderRoot.querySelector('sb-confirm-dialog') as ConfirmDialog;
    if (!(await confirm.ask(revokeConfirmation(token)))) return;
    const revoked = await this.run(`row:${token.id}`, () =>
      this.api.scimTokens.revoke(token.id).then(() => true),
    );
    if (!revoked) return;
    this.tokens = this.tokens?.filter((other) => other.id !== token.id);
    this.notice = `Revoked ${tokenTitle(token)}: requests with it are refused from now on.`;
    await this.#load();
  }

  override render() {
    const url = this.client ? this.#scimUrl() : '';
    return html`<section aria-labelledby="provisioning-title">
      <div class="toolbar"><h2 id="provisioning-title">Provisioning</h2></div>
      <p class="muted">Your identity provider — Okta, Microsoft Entra ID or any SCIM 2.0 client —
        can add, update and deactivate this account's users for you. Give it the SCIM base URL
        and a token created here. The users it provisions follow the same rules as those you
        add yourself, and get the same activation email.</p>
      <h3><label for="scim-url">SCIM base URL</label></h3>
      <div class="copy-field">
        <input id="scim-url" readonly .value=${url} @focus=${selectAll} />
        <button @click=${() => this.#copy('url', url, 'scim-url')}>Copy URL</button>
        ${this.#copyStatus('url')}
      </div>
      <p class="muted">In Okta it is the <em>SCIM connector base URL</em>; in Microsoft Entra ID,
        the <em>Tenant URL</em>.</p>
      <div class="toolbar tokens">
        <h3 id="tokens-title">SCIM tokens</h3>
        <button class="primary" @click=${this.#openCreate}>Create token</button>
      </div>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.formError('list')} ${this.#tokens()}
      ${this.#createDialog()} ${this.#tokenDialog(url)}
      <sb-confirm-dialog></sb-confirm-dialog>
    </section>`;
  }

  #tokens() {
    const tokens = this.tokens;
    if (tokens === undefined) return html`<p class="muted">Loading tokens…</p>`;
    if (tokens.length === 0) {
      return html`<p class="muted">No SCIM tokens yet. Create one for each identity provider, so
        that you can revoke one without stopping the others.</p>`;
    }
    return scimTokensTable(tokens, {
      revoke: (token) => this.#revoke(token),
      busy: (token) => this.busy[`row:${token.id}`] === true,
      rowError: (token) => this.formError(`row:${token.id}`),
    });
  }

  #createDialog() {
    const key = 'create';
    return html`<dialog id="create-dialog" aria-labelledby="create-title">
      <form @submit=${this.#create} novalidate>
        <h2 id="create-title">Create SCIM token</h2>
        <label>Description
          <input name="description" maxlength="200" placeholder="Okta, Microsoft Entra ID…"
            aria-invalid=${this.invalid(key, 'description')} />
        </label>
        ${this.errorFor(key, 'description')}
        <p class="muted">Name the identity provider that will use it, so that you know which
          token to revoke later. The token itself is shown once, right after this.</p>
        ${this.formError(key)}
        <div class="buttons">
          <button type="button" @click=${() => this.dialog('create-dialog').close()}>Cancel</button>
          <button class="primary" ?disabled=${this.busy[key]}>Create</button>
        </div>
      </form>
    </dialog>`;
  }

  #tokenDialog(url: string) {
    const created = this.created;
    return html`<dialog id="token-dialog" aria-labelledby="token-title"
        @close=${() => this.#forgetToken()}>
      <div class="token-body">
        <h2 id="token-title">Copy your new SCIM token</h2>
        <p class="once" role="note"><strong>You will not see this token again.</strong> Copy it
          into your identity provider now; Switchboard keeps only a hash of it. If it gets lost,
          create another token and revoke this one.</p>
        <label for="new-token">${created?.description ? `Token for ${created.description}` : 'Token'}</label>
        <div class="copy-field">
          <input id="new-token" readonly .value=${created?.token ?? ''} @focus=${selectAll} />
          <button type="button" class="primary"
            @click=${() => this.#copy('token', created?.token ?? '', 'new-token')}>Copy token</button>
        </div>
        ${this.#copyStatus('token')}
        <dl class="facts"><dt>SCIM base URL</dt><dd>${url}</dd></dl>
        <div class="buttons">
          <button type="button" @click=${() => this.dialog('token-dialog').close()}>Done</button>
        </div>
      </div>
    </dialog>`;
  }
}

/** A read-only field selects its whole text when focused, ready to copy by hand. */
function selectAll(event: Event) {
  (event.target as HTMLInputElement).select();
}
