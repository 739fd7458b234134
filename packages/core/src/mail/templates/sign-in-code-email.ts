import type { EmailContent } from './email-content.js';
import { htmlEscape } from './html-escape.js';

/**
 * The 6-digit code that completes a sign-in with two-factor on (D2). The code is in the
 * subject only while the message can be kept sealed; otherwise only in the body.
 */
export function signInCodeEmail(input: { firstName: string; code: string }): EmailContent {
  const { firstName, code } = input;
  return {
    template: 'sign_in_code',
    subject: `Your sign-in code: ${code}`,
    redactedSubject: 'Your sign-in code',
    text: [
      `Hello ${firstName},`,
      '',
      `Your sign-in code is ${code}. It works once and expires in 10 minutes.`,
      '',
      'If you did not try to sign in, change your password: someone knows it.',
    ].join('\n'),
    html: `<p>Hello ${htmlEscape(firstName)},</p>
<p>Your sign-in code is <strong style="font-size:1.4em;letter-spacing:0.15em">${htmlEscape(code)}</strong>.
It works once and expires in 10 minutes.</p>
<p>If you did not try to sign in, change your password: someone knows it.</p>`,
  };
}
