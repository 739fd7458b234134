import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpMailer } from './smtp-mailer.js';
import { activationEmail } from './templates/activation-email.js';

interface Received {
  from: string | undefined;
  to: string[];
  raw: Buffer;
}

describe('smtpMailer', () => {
  let server: SMTPServer;
  let port: number;
  let received: Received[];
  let logins: string[];

  beforeEach(async () => {
    received = [];
    logins = [];
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: true,
      logger: false,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password}`);
        if (auth.password === 's3cret:pass') callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers sender, recipient, subject, and the link intact in text and HTML', async () => {
    const mailer = smtpMailer(
      `smtp://mailer:${encodeURIComponent('s3cret:pass')}@127.0.0.1:${port}`,
    );
    const link = `https://admin.example.test/activate?token=${'A_b-9'.repeat(9)}`;
    const content = activationEmail({ firstName: 'Zoë', companyName: 'Acme & Co', link });
    await mailer.send({ from: 'hello@switchboard.test', to: 'Ada.Lovelace@Acme.test', ...content });
    await mailer.close();

    expect(logins).toEqual(['mailer:s3cret:pass']);
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail?.from).toBe('hello@switchboard.test');
    // The local part goes exactly as stored (U1); nodemailer lower-cases the domain, which is case-insensitive.
    expect(mail?.to).toEqual(['Ada.Lovelace@acme.test']);
    const parsed = await simpleParser(mail?.raw ?? Buffer.alloc(0));
    expect(parsed.subject).toBe('Activate your Acme & Co account');
    expect(parsed.text).toContain(link);
    expect(parsed.text).toContain('Hello Zoë,');
    expect(parsed.html).toContain(`href="${link}"`);
    expect(parsed.html).toContain('Acme &amp; Co');
  });

  it('fails with a clear error that never shows the password', async () => {
    const mailer = smtpMailer(
      `smtp://mailer:${encodeURIComponent('wrong-secret')}@127.0.0.1:${port}`,
    );
    const error = await mailer
      .send({
        from: 'hello@switchboard.test',
        to: 'a@b.test',
        subject: 's',
        text: 't',
        html: '<p>t</p>',
      })
      .catch((e: unknown) => e as Error);
    await mailer.close();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^SMTP delivery to a@b\.test failed:/);
    expect((error as Error).message).not.toContain('wrong-secret');
    expect(received).toHaveLength(0);
  });

  it('fails when nothing listens, so the outbox retries later', async () => {
    const mailer = smtpMailer('smtp://127.0.0.1:1', { timeoutMs: 2000 });
    await expect(
      mailer.send({
        from: 'hello@switchboard.test',
        to: 'a@b.test',
        subject: 's',
        text: 't',
        html: 't',
      }),
    ).rejects.toThrow(/SMTP delivery to a@b\.test failed/);
    await mailer.close();
  });

  it('refuses a URL that is not SMTP', () => {
    expect(() => smtpMailer('http://mail.example.test')).toThrow(/smtp:\/\//);
  });
});
