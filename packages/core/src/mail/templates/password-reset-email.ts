import type { EmailContent } from './email-content.js';
import { htmlEscape } from './html-escape.js';

/** Lets a user choose a new password after an admin asked for a reset (U6). */
export function passwordResetEmail(input: { firstName: string; link: string }): EmailContent {
  const { firstName, link } = input;
  return {
    template: 'password_reset',
    subject: 'Reset your password',
    text: [
      `Hello ${firstName},`,
      '',
      'Your account admin asked for your password to be reset. Choose a new one here:',
      '',
      link,
      '',
      'The link works once and expires in 1 hour. If you did not expect this, you can ignore it.',
    ].join('\n'),
    html: `<p>Hello ${htmlEscape(firstName)},</p>
<p>Your account admin asked for your password to be reset.</p>
<p><a href="${htmlEscape(link)}">Choose a new password</a></p>
<p>The link works once and expires in 1 hour. If you did not expect this, you can ignore it.</p>`,
  };
}
