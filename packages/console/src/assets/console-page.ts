/** The pages of the console: the app itself and the two pages emailed links open. */
export type ConsolePage = 'console' | 'activate' | 'reset-password';

const titles: Record<ConsolePage, string> = {
  console: 'My Account',
  activate: 'Activate your account',
  'reset-password': 'Choose a new password',
};

/**
 * Headers for every console page and asset: scripts and connections from this origin only,
 * no framing, and no referrer (the emailed pages carry a token in their address).
 */
export const consoleSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * The HTML of a console page served at the app's root level (`/console`, `/activate`,
 * `/reset-password`); every link in it is relative, so any mount prefix works.
 */
export function consolePageHtml(page: ConsolePage): string {
  const body =
    page === 'console'
      ? '<sb-console api-base="."></sb-console>'
      : `<sb-set-password purpose="${page === 'activate' ? 'activate' : 'reset'}" sign-in-href="./console"></sb-set-password>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${titles[page]} · Switchboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="./console/assets/console.css">
<script type="module" src="./console/assets/switchboard-console.js"></script>
</head>
<body data-page="${page}" data-api-base="." data-console-url="./console">
<div class="page">${body}</div>
<noscript>The Switchboard console needs JavaScript.</noscript>
</body>
</html>
`;
}
