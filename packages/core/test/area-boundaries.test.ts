import { describe, expect, it } from 'vitest';
import { boundaryViolations, coreSourceFiles } from './support/area-boundaries.js';

describe('area boundaries of the core', () => {
  it('no area imports another area past its index.ts, touches its tables, or writes outside the pipeline', () => {
    expect(boundaryViolations(coreSourceFiles())).toEqual([]);
  });

  it('finds an import of another area’s repository', () => {
    const file = {
      path: 'users/users-service.ts',
      text: "import { findAccount } from '../account/account-repository.js';",
    };
    expect(boundaryViolations([file])).toEqual([
      'users/users-service.ts imports ../account/account-repository.js: use ../account/index.js',
    ]);
  });

  it('finds a write to another area’s table, and an allowed read is still not an allowed write', () => {
    const files = [
      { path: 'identity/me-service.ts', text: "trx.updateTable('users').set({})" },
      {
        path: 'identity/session-repository.ts',
        text: "db.selectFrom('sessions').innerJoin('users', 'a', 'b')",
      },
      { path: 'identity/session-repository.ts', text: "db.deleteFrom('users')" },
    ];
    expect(boundaryViolations(files)).toEqual([
      'identity/me-service.ts touches users (updateTable), owned by users',
      'identity/session-repository.ts touches users (deleteFrom), owned by users',
    ]);
  });

  it('finds a service that opens its own transaction or records audit events by hand', () => {
    const file = {
      path: 'account/account-service.ts',
      text: 'await db.transaction().execute(async (trx) => recordAudit(trx, event));',
    };
    expect(boundaryViolations([file])).toEqual([
      'account/account-service.ts opens a transaction: use ctx.write (the write pipeline)',
      'account/account-service.ts records an audit event by hand: use tx.record in ctx.write',
    ]);
  });
});
