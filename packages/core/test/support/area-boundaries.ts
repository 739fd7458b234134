import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';

/**
 * The core's areas and the tables each owns. Only an area's own files touch its tables;
 * other areas call its public API (`src/<area>/index.ts`), passing their transaction.
 */
export const tableOwners: Readonly<Record<string, readonly string[]>> = {
  account: ['accounts'],
  audit: ['audit_events', 'audit_chains', 'audit_keys'],
  identity: ['user_tokens', 'sessions', 'login_challenges', 'rate_limits'],
  idempotency: ['idempotency_keys'],
  integrations: ['integrations'],
  mail: ['mail_outbox'],
  operator: [],
  'phone-numbers': ['phone_numbers', 'number_quarantine'],
  scim: ['scim_tokens'],
  users: ['users'],
  webhooks: ['webhook_endpoints', 'webhook_deliveries', 'webhook_attempts'],
};

/**
 * Reads of another area's table that are allowed, each for a stated reason. Writes never are.
 * Key: `file (relative to src) -> table`.
 */
export const allowedReads: Readonly<Record<string, string>> = {
  'identity/session-repository.ts -> users':
    'a request is authenticated in one query: the session joined with its user',
  'identity/login-challenge-repository.ts -> users':
    'a sign-in code is checked in one query: the challenge joined with its active user',
};

/** Files that may open transactions and record audit events: the write pipeline (and the mail worker's claim). */
const transactionOwners = new Set(['shared/write-pipeline.ts', 'mail/mail-outbox.ts']);

export interface SourceFile {
  /** Path relative to `src`, with forward slashes: `users/users-service.ts`. */
  path: string;
  text: string;
}

const areaOf = (path: string): string | null => {
  const top = path.split('/')[0] ?? '';
  return top in tableOwners && path.includes('/') ? top : null;
};

const importPattern = /(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g;
const tablePattern =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'(\w+)/g;
const writeMethods = new Set(['insertInto', 'updateTable', 'deleteFrom']);

/** Every broken boundary rule in `files`, as readable lines (empty when all hold). */
export function boundaryViolations(files: readonly SourceFile[]): string[] {
  const owners = new Map<string, string>();
  for (const [area, tables] of Object.entries(tableOwners))
    for (const table of tables) owners.set(table, area);
  const problems: string[] = [];
  for (const { path, text } of files) {
    const area = areaOf(path);
    for (const [, specifier = ''] of text.matchAll(importPattern)) {
      const target = posix.normalize(posix.join(posix.dirname(path), specifier));
      const targetArea = areaOf(target);
      if (targetArea === null || targetArea === area) continue;
      const index = `${targetArea}/index.js`;
      if (target !== index) {
        const use = posix.relative(posix.dirname(path), index);
        problems.push(
          `${path} imports ${specifier}: use ${use.startsWith('.') ? use : `./${use}`}`,
        );
      }
    }
    if (path.startsWith('db/migrations/')) continue;
    for (const [, method = '', table = ''] of text.matchAll(tablePattern)) {
      const owner = owners.get(table);
      if (owner === undefined || owner === area) continue;
      const allowed = !writeMethods.has(method) && `${path} -> ${table}` in allowedReads;
      if (!allowed) problems.push(`${path} touches ${table} (${method}), owned by ${owner}`);
    }
    if (!transactionOwners.has(path) && !path.startsWith('db/')) {
      if (/\.transaction\(\)/.test(text))
        problems.push(`${path} opens a transaction: use ctx.write (the write pipeline)`);
      if (/\brecord(Actor)?Audit\(/.test(text) && !path.startsWith('audit/'))
        problems.push(`${path} records an audit event by hand: use tx.record in ctx.write`);
    }
  }
  return problems;
}

/** The core's source files (tests excluded), for `boundaryViolations`. */
export function coreSourceFiles(): SourceFile[] {
  const src = resolve(dirname(new URL(import.meta.url).pathname), '../../src');
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        files.push({
          path: relative(src, full).split('\\').join('/'),
          text: readFileSync(full, 'utf8'),
        });
    }
  };
  walk(src);
  return files;
}
