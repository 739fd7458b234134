import type { Transporter } from 'nodemailer';
import type { Mailer } from './mailer.js';

export interface SmtpMailerOptions {
  /** Milliseconds to wait for the server at each step. Default 15000. */
  timeoutMs?: number;
}

/** An SMTP mailer that can be closed (its pooled connections). */
export interface SmtpMailer extends Mailer {
  close(): Promise<void>;
}

/** Removes the password of an SMTP URL from any text that might echo it. */
function scrub(text: string, url: URL): string {
  const password = decodeURIComponent(url.password);
  return password ? text.split(password).join('***') : text;
}

/**
 * Sends mail over SMTP with nodemailer, given `smtp://user:pass@host:port` (or `smtps://`).
 * nodemailer is loaded on first send. Failures are rethrown with the password scrubbed,
 * so the outbox can log them and retry.
 *
 * @example createSwitchboard({ database, mailer: smtpMailer(process.env.SMTP_URL) })
 */
export function smtpMailer(smtpUrl: string, options: SmtpMailerOptions = {}): SmtpMailer {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
  }
  const timeout = options.timeoutMs ?? 15_000;
  let transport: Promise<Transporter> | undefined;

  const open = async (): Promise<Transporter> => {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? {
            auth: {
              user: decodeURIComponent(url.username),
              pass: decodeURIComponent(url.password),
            },
          }
        : {}),
      pool: true,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  };

  return {
    async send(message) {
      transport ??= open();
      try {
        await (await transport).sendMail(message);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`SMTP delivery to ${message.to} failed: ${scrub(reason, url)}`);
      }
    },
    async close() {
      if (transport) (await transport).close();
      transport = undefined;
    },
  };
}
