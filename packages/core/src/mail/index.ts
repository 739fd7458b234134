// The mail area's public API: the outbox (its table is the mail area's own) and the templates.

export { logMailer } from './log-mailer.js';
export { MailOutbox, type MailOutboxOptions } from './mail-outbox.js';
export type { Mailer, MailMessage } from './mailer.js';
export { type SmtpMailer, type SmtpMailerOptions, smtpMailer } from './smtp-mailer.js';
export { activationEmail } from './templates/activation-email.js';
export type { EmailContent } from './templates/email-content.js';
export { passwordResetEmail } from './templates/password-reset-email.js';
export { signInCodeEmail } from './templates/sign-in-code-email.js';
export { twoFactorChangedEmail } from './templates/two-factor-changed-email.js';
