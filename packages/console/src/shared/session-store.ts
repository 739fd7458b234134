/** Where the console keeps its session token: this browser tab's `sessionStorage`. */
export interface SessionStore {
  get(): string | undefined;
  set(token: string): void;
  clear(): void;
}

const key = 'switchboard.session';

/**
 * The tab's `sessionStorage`: the token lives as long as the tab and is never sent
 * anywhere but in the `Authorization` header (no cookie, so no CSRF).
 */
export const tabSessionStore: SessionStore = {
  get: () => globalThis.sessionStorage?.getItem(key) ?? undefined,
  set: (token) => globalThis.sessionStorage?.setItem(key, token),
  clear: () => globalThis.sessionStorage?.removeItem(key),
};
