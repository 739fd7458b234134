import {
  createSwitchboard,
  type MailMessage,
  type Switchboard,
  type SwitchboardOptions,
  silentLogger,
  sqlite,
} from '@switchboard/core';

/** A Switchboard for route tests and what it emailed. */
export interface InMemorySwitchboard {
  sb: Switchboard;
  sent: MailMessage[];
}

/**
 * A Switchboard on in-memory SQLite: quiet, cheap password hashing, no mail timer, every
 * email captured in `sent`. `options` override any of that.
 *
 * @example ({ sb, sent } = inMemorySwitchboard({ secretKeys: newKeyRingEntry('k1') }));
 */
export function inMemorySwitchboard(
  options: Partial<SwitchboardOptions> = {},
): InMemorySwitchboard {
  const sent: MailMessage[] = [];
  const sb = createSwitchboard({
    database: sqlite(':memory:'),
    logger: silentLogger,
    mailRetryIntervalSeconds: 0,
    passwordHashing: { logN: 10, r: 8, p: 1 },
    mailer: { send: async (message) => void sent.push(message) },
    ...options,
  });
  return { sb, sent };
}
