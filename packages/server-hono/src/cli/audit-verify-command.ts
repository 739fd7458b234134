import { parseArgs } from 'node:util';
import { consoleLogger, operatorActor } from '@switchboard/core';
import { openSwitchboard } from '../server/open-switchboard.js';
import { serverConfigFrom } from '../server/server-config.js';
import type { CliCommand } from './cli-commands.js';
import { progressBar } from './progress-bar.js';

/**
 * Reports progress at most once per percent, so a log of millions of events draws a bar
 * and not a line per batch.
 */
function everyPercent(
  report: (done: number, total: number) => void,
): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === shown) return;
    shown = percent;
    report(done, total);
  };
}

export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  summary: 'Check that no audit event was edited, removed or reordered',
  help: `Usage: switchboard audit verify [--account ACCOUNT_ID]

Verifies the sealed chain of every account's audit log (or of one account), showing
progress, and prints the first broken event of each account whose chain does not hold.
Exits with 1 when any chain is broken. Needs the key ring the events were sealed with.

Environment:
  DATABASE_URL                postgres://… or a SQLite file path (default ./data/switchboard.db)
  SWITCHBOARD_SECRET_KEYS     id:base64key[,…]: the key ring (any key that sealed an audit key)`,
  async run(args, env) {
    const { values } = parseArgs({ args, options: { account: { type: 'string' } }, strict: true });
    const switchboard = openSwitchboard(serverConfigFrom(env), consoleLogger, {
      deliverDueMail: false,
    });
    try {
      await switchboard.migrate();
      const results = await switchboard.audit.verifyAccounts(operatorActor(), {
        ...(values.account === undefined ? {} : { accountId: values.account }),
        onProgress: everyPercent(
          progressBar((text) => process.stderr.write(text), process.stderr.isTTY === true),
        ),
      });
      const checked = results.reduce((sum, result) => sum + result.checked, 0);
      const broken = results.filter((result) => !result.ok);
      for (const result of broken) {
        const where = result.firstBrokenEventId
          ? `first broken event ${result.firstBrokenEventId}`
          : 'its newest events were removed';
        console.error(`${result.accountId ?? '(no account)'}: BROKEN, ${where}`);
      }
      const accounts = `${results.length} account${results.length === 1 ? '' : 's'}`;
      if (broken.length > 0) {
        console.error(`${broken.length} of ${accounts} broken (${checked} events checked).`);
        return 1;
      }
      console.info(
        results.length === 0
          ? 'No audit events to verify.'
          : `Verified ${checked} events in ${accounts}: every chain holds.`,
      );
      return 0;
    } finally {
      await switchboard.close();
    }
  },
};
