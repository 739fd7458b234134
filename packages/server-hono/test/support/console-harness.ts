import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import {
  createSwitchboard,
  type Switchboard,
  type SwitchboardOptions,
  smtpMailer,
  sqlite,
} from '@switchboard/core';
import { Hono } from 'hono';
import { simpleParser } from 'mailparser';
import { type Browser, chromium, type Page } from 'playwright-core';
import S3rver from 's3rver';
import { SMTPServer } from 'smtp-server';
import { afterEach } from 'vitest';
import { createConsoleApp } from '../../src/console/create-console-app.js';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';

/** Debian's Chromium, which the browser tests drive (`.ci/run` installs it). */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/** Screenshots of each screen, kept as test artifacts. */
export const screenshotDirectory = join(
  import.meta.dirname,
  '..',
  '..',
  'test-artifacts',
  'console',
);

/** Debian's Chromium, headless, without the background traffic this closed network refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Saves a screenshot of `page` as `<name>.png` in the artifacts folder. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}

/**
 * Saves a screenshot of the page `page()` gives after each test that failed, named
 * `failed-<prefix>-<the test's name>`, to see what the browser showed.
 *
 * @example screenshotFailures(() => page, 'activity');
 */
export function screenshotFailures(page: () => Page | undefined, prefix: string): void {
  afterEach(async (context) => {
    const shown = page();
    if (context.task.result?.state !== 'fail' || !shown) return;
    const name = context.task.name.slice(0, 40).replace(/\W+/g, '-');
    await saveScreenshot(shown, `failed-${prefix}-${name}`);
  });
}

/** A received email: recipient, subject and text. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Everything a console test talks to, for real: the reference app (API + console) on
 * SQLite over loopback, mail through nodemailer to a local SMTP server, s3rver for S3,
 * and Debian's Chromium.
 */
export interface ConsoleHarness {
  baseUrl: string;
  s3Endpoint: string;
  switchboard: Switchboard;
  browser: Browser;
  /** Waits for the next email to `to` (after `since` emails to them) and returns it. */
  mailTo(to: string, since?: number): Promise<ReceivedMail>;
  /** How many emails `to` has received so far. */
  mailCount(to: string): number;
  /** A new page in its own browser context (its own sessionStorage). */
  newPage(): Promise<Page>;
  /** Saves a screenshot of `page` as `<name>.png` in the artifacts folder. */
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts it all; `options` add to the Switchboard's (a fourth integration service, say). */
export async function startConsoleHarness(
  options: Partial<SwitchboardOptions> = {},
): Promise<ConsoleHarness> {
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-console-'));

  const mail: ReceivedMail[] = [];
  const waiting = new Set<() => void>();
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    async onData(stream, _session, callback) {
      const parsed = await simpleParser(stream);
      const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
      mail.push({
        to: (to?.value[0]?.address ?? '').toLowerCase(),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
      });
      for (const wake of waiting) wake();
      callback();
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  await mkdir(join(directory, 's3'));
  const s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: join(directory, 's3'),
  });
  const s3Endpoint = `http://127.0.0.1:${(await s3.run()).port}`;

  let handle: (request: Request) => Response | Promise<Response> = () =>
    new Response(null, { status: 503 });
  const server: ServerType = serve({
    fetch: (request) => handle(request),
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const switchboard = createSwitchboard({
    database: sqlite(join(directory, 'switchboard.db')),
    mailer: smtpMailer(`smtp://127.0.0.1:${smtpPort}`),
    mailFrom: 'hello@switchboard.test',
    publicUrl: baseUrl,
    secretKeys: `k1:${randomBytes(32).toString('base64')}`,
    ...options,
  });
  await switchboard.migrate();
  const app = createSwitchboardApp(switchboard);
  app.route('/', createConsoleApp());
  handle = (request) => app.fetch(request);

  const browser = await launchChromium();

  const countTo = (to: string) => mail.filter((m) => m.to === to.toLowerCase()).length;

  return {
    baseUrl,
    s3Endpoint,
    switchboard,
    browser,
    mailCount: countTo,
    async mailTo(to, since = 0) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = mail.filter((m) => m.to === to.toLowerCase())[since];
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No email #${since + 1} to ${to} within 10 s`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiting.delete(wake);
            resolve();
          };
          waiting.add(wake);
          setTimeout(wake, 200);
        });
      }
    },
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
      context.setDefaultTimeout(8_000);
      return context.newPage();
    },
    screenshot: saveScreenshot,
    async stop() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await switchboard.close();
      await s3.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The first link in an email's text that starts with `base`. */
export function linkIn(mail: ReceivedMail, base: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(base));
  if (!link) throw new Error(`No link to ${base} in "${mail.subject}"`);
  return link;
}

/** An app served over loopback with the console mounted beside it, as the reference server does. */
export interface ServedConsole {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves `app` (from `createSwitchboardApp`) with `createConsoleApp()` at the same root.
 *
 * @example const served = await serveConsole(t.app); await page.goto(`${served.baseUrl}/console`);
 */
export async function serveConsole(
  app: ReturnType<typeof createSwitchboardApp>,
): Promise<ServedConsole> {
  const host = new Hono();
  host.route('/', app);
  host.route('/', createConsoleApp());
  const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The console at `baseUrl`, signed in with the session `token` (in its `sessionStorage`), in
 * a browser context of its own; `clipboard` lets its pages write and read the clipboard.
 *
 * @example const ada = await signedInConsole(browser, baseUrl, t.adminToken);
 */
export async function signedInConsole(
  browser: Browser,
  baseUrl: string,
  token: string,
  options: { clipboard?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  context.setDefaultTimeout(8_000);
  if (options.clipboard) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  }
  await context.addInitScript((session) => {
    sessionStorage.setItem('switchboard.session', session);
  }, token);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/console`);
  return page;
}
