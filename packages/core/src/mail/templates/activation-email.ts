import type { EmailContent } from './email-content.js';
import { htmlEscape } from './html-escape.js';

/** Invites a new user to set a password and activate their account (U2). */
export function activationEmail(input: {
  firstName: string;
  companyName: string;
  link: string;
}): EmailContent {
  const { firstName, companyName, link } = input;
  return {
    template: 'activation',
    subject: `Activate your ${companyName} account`,
    text: [
      `Hello ${firstName},`,
      '',
      `An account has been created for you at ${companyName}.`,
      'Choose a password to activate it:',
      '',
      link,
      '',
      'The link works once and expires in 72 hours.',
    ].join('\n'),
    html: `<p>Hello ${htmlEscape(firstName)},</p>
<p>An account has been created for you at ${htmlEscape(companyName)}.</p>
<p><a href="${htmlEscape(link)}">Choose a password to activate it</a></p>
<p>The link works once and expires in 72 hours.</p>`,
  };
}
