// The script of the console pages the reference server serves (/console, /activate,
// /reset-password): registers the elements and wires the page named by <body data-page>.
// Pages of your own can import the elements and a client from this same module, with no
// bundler: import { createClient } from '/admin/console/assets/switchboard-console.js'.
import { createClient } from '@switchboard/client';
import { z } from 'zod';
import { defineConsoleElements } from './define-console-elements.js';
import type { SetPasswordForm } from './elements/set-password-form.js';
import { signedInEvent } from './elements/sign-in-form.js';
import { tabSessionStore } from './shared/session-store.js';

// The pages' Content-Security-Policy forbids eval; zod then parses without compiling.
z.config({ jitless: true });
defineConsoleElements();

const { page, consoleUrl = './console', apiBase = '.' } = document.body?.dataset ?? {};

if (page === 'activate' || page === 'reset-password') {
  const form = document.querySelector('sb-set-password') as SetPasswordForm;
  const url = new URL(location.href);
  form.client = createClient({ baseUrl: new URL(apiBase, location.href).href });
  form.token = url.searchParams.get('token') ?? '';
  // The token leaves the address bar (and the history) as soon as it is read.
  url.searchParams.delete('token');
  history.replaceState(null, '', url);
  // Say whose link it is (and give password managers the username) before a password is chosen.
  if (form.token) {
    form.client.auth.tokenInfo({ token: form.token }).then(
      (info) => {
        form.email = info.email;
        form.company = info.companyName;
      },
      () => {}, // an invalid link is reported when the form is sent
    );
  }
  form.addEventListener(signedInEvent, (event) => {
    tabSessionStore.set((event as CustomEvent<{ token: string }>).detail.token);
    location.assign(consoleUrl);
  });
}

export { createClient, isSwitchboardApiError } from '@switchboard/client';
export * from './index.js';
