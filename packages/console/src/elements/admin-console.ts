import { createClient, isSwitchboardApiError, type SwitchboardClient } from '@switchboard/client';
import type { Account, Session, User } from '@switchboard/contract';
import { css, html, LitElement, nothing } from 'lit';
import { unauthenticatedEvent } from '../shared/console-element.js';
import { consoleStyles } from '../shared/console-styles.js';
import { formErrors } from '../shared/form-errors.js';
import { type SessionStore, tabSessionStore } from '../shared/session-store.js';
import { accountChangedEvent } from './account-panel.js';
import { meChangedEvent } from './profile-panel.js';
import { signedInEvent } from './sign-in-form.js';

type Tab =
  | 'users'
  | 'account'
  | 'numbers'
  | 'integrations'
  | 'activity'
  | 'webhooks'
  | 'provisioning'
  | 'profile';

const tabs: { id: Tab; label: string; adminOnly: boolean }[] = [
  { id: 'users', label: 'Manage Users', adminOnly: true },
  { id: 'account', label: 'Account Information', adminOnly: false },
  { id: 'numbers', label: 'Phone Numbers', adminOnly: false },
  { id: 'integrations', label: 'Integrations', adminOnly: true },
  { id: 'activity', label: 'Activity', adminOnly: true },
  { id: 'webhooks', label: 'Webhooks', adminOnly: true },
  { id: 'provisioning', label: 'Provisioning', adminOnly: true },
  { id: 'profile', label: 'My Profile', adminOnly: false },
];

/**
 * `<sb-console api-base="/">`: the whole My Account console — sign-in (with the emailed
 * code step), then the tabs the signed-in user may use. It keeps the session token in the
 * tab's `sessionStorage`. Set `client` to use your own configured client instead of
 * `api-base`.
 */
export class AdminConsole extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 1rem;
        padding-bottom: 0.75rem;
        border-bottom: 1px solid #e3e7ee;
        margin-bottom: 1rem;
      }
      header h1 {
        font-size: 1.35rem;
        margin: 0;
      }
      nav {
        display: flex;
        gap: 0.25rem;
        flex-wrap: wrap;
        margin-bottom: 1.25rem;
      }
      nav a {
        padding: 0.4rem 0.8rem;
        border-radius: 6px;
        color: #1d2433;
        text-decoration: none;
      }
      nav a[aria-current='page'] {
        background: #1f5fbf;
        color: #fff;
      }
    `,
  ];
  static override properties = {
    apiBase: { type: String, attribute: 'api-base' },
    client: { attribute: false },
    store: { attribute: false },
    session: { state: true },
    me: { state: true },
    account: { state: true },
    tab: { state: true },
    failure: { state: true },
  };

  declare apiBase: string;
  /** A client without a token; the console adds the session's token. */
  declare client: SwitchboardClient | undefined;
  declare store: SessionStore;
  declare session: SwitchboardClient | undefined;
  declare me: User | undefined;
  declare account: Account | undefined;
  declare tab: Tab;
  declare failure: string;

  constructor() {
    super();
    this.apiBase = '';
    this.client = undefined;
    this.store = tabSessionStore;
    this.session = undefined;
    this.me = undefined;
    this.account = undefined;
    this.tab = 'users';
    this.failure = '';
    this.addEventListener(signedInEvent, (event) => {
      const session = (event as CustomEvent<Session>).detail;
      this.store.set(session.token);
      void this.#open(session.token);
    });
    this.addEventListener(unauthenticatedEvent, () => this.#forget());
    this.addEventListener(meChangedEvent, (event) => {
      this.me = (event as CustomEvent<User>).detail;
      this.#keepTabVisible();
    });
    this.addEventListener(accountChangedEvent, (event) => {
      this.account = (event as CustomEvent<Account>).detail;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHash);
    this.#onHash();
    const token = this.store.get();
    if (token) void this.#open(token);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHash);
  }

  #onHash = () => {
    const wanted = location.hash.slice(1) as Tab;
    if (tabs.some((tab) => tab.id === wanted)) this.tab = wanted;
  };

  #base(): SwitchboardClient {
    this.client ??= createClient({ baseUrl: new URL(this.apiBase || '.', location.href).href });
    return this.client;
  }

  async #open(token: string) {
    const session = this.#base().withToken(token);
    try {
      const [me, account] = await Promise.all([session.me.get(), session.account.get()]);
      this.session = session;
      this.me = me;
      this.account = account;
      this.failure = '';
      this.#keepTabVisible();
    } catch (error) {
      if (isSwitchboardApiError(error, 'unauthenticated')) this.#forget();
      else this.failure = formErrors(error).form ?? 'The console could not load';
    }
  }

  /** An admin who is no longer one leaves the admin tabs. */
  #keepTabVisible() {
    if (!this.#visible().some((tab) => tab.id === this.tab)) this.tab = 'account';
  }

  #forget() {
    this.store.clear();
    this.session = undefined;
    this.me = undefined;
    this.account = undefined;
  }

  async #signOut() {
    try {
      await this.session?.auth.logout();
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    this.#forget();
  }

  #visible() {
    return tabs.filter((tab) => !tab.adminOnly || this.me?.isAdmin);
  }

  override render() {
    if (this.failure) return html`<p class="error" role="alert">${this.failure}</p>`;
    const session = this.session;
    const me = this.me;
    if (!session || !me) {
      return html`<header><h1>Switchboard</h1></header>
        <sb-sign-in .client=${this.#base()}></sb-sign-in>`;
    }
    return html`<header>
        <h1>${this.account?.companyName ?? 'My Account'}</h1>
        <div>
          <span class="muted">${me.firstName} ${me.lastName}</span>
          <button class="link" @click=${this.#signOut}>Sign out</button>
        </div>
      </header>
      <nav aria-label="My Account">
        ${this.#visible().map(
          (
            tab,
          ) => html`<a href=${`#${tab.id}`} aria-current=${tab.id === this.tab ? 'page' : 'false'}>
            ${tab.label}</a>`,
        )}
      </nav>
      <main>${this.#panel(session, me)}</main>`;
  }

  #panel(client: SwitchboardClient, me: User) {
    switch (this.tab) {
      case 'users':
        return me.isAdmin ? html`<sb-users .client=${client} .me=${me}></sb-users>` : nothing;
      case 'account':
        return html`<sb-account-info .client=${client} ?editable=${me.isAdmin}></sb-account-info>`;
      case 'numbers':
        return html`<sb-phone-numbers .client=${client} .me=${me}
          ?demo=${this.account?.demo ?? false}></sb-phone-numbers>`;
      case 'integrations':
        return me.isAdmin ? html`<sb-integrations .client=${client}></sb-integrations>` : nothing;
      case 'activity':
        return me.isAdmin ? html`<sb-activity .client=${client}></sb-activity>` : nothing;
      case 'webhooks':
        return me.isAdmin ? html`<sb-webhooks .client=${client}></sb-webhooks>` : nothing;
      case 'provisioning':
        return me.isAdmin ? html`<sb-provisioning .client=${client}></sb-provisioning>` : nothing;
      case 'profile':
        return html`<sb-profile .client=${client} .me=${me}></sb-profile>`;
    }
  }
}
