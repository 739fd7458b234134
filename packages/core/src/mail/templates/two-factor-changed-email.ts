import type { EmailContent } from './email-content.js';
import { htmlEscape } from './html-escape.js';

/** Tells a user that two-factor sign-in was turned on or off for their account. */
export function twoFactorChangedEmail(input: {
  firstName: string;
  enabled: boolean;
}): EmailContent {
  const { firstName, enabled } = input;
  const state = enabled ? 'on' : 'off';
  const consequence = enabled
    ? 'From now on, signing in asks for a code we email you.'
    : 'Signing in now needs only your password.';
  return {
    template: enabled ? 'two_factor_enabled' : 'two_factor_disabled',
    subject: `Two-factor sign-in turned ${state}`,
    text: [
      `Hello ${firstName},`,
      '',
      `Two-factor sign-in was turned ${state} for your account. ${consequence}`,
      '',
      'If this was not you, reset your password and contact your account admin.',
    ].join('\n'),
    html: `<p>Hello ${htmlEscape(firstName)},</p>
<p>Two-factor sign-in was turned <strong>${state}</strong> for your account. ${htmlEscape(consequence)}</p>
<p>If this was not you, reset your password and contact your account admin.</p>`,
  };
}
