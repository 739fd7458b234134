import {
  createSwitchboard,
  type MailMessage,
  operatorActor,
  type ScryptParameters,
  silentLogger,
  sqlite,
} from '@switchboard/core';

/**
 * The whole embedded flow on a throw-away database: the operator opens an account, its
 * admin activates from the emailed link and edits the company's details. Returns what
 * happened, so the smoke test can check it.
 */
export async function runExample(
  log: (line: string) => void = console.log,
  // Tests pass cheaper password hashing to run fast; never lower it in production.
  options: { passwordHashing?: ScryptParameters } = {},
) {
  const outbox: MailMessage[] = [];
  const sb = createSwitchboard({
    database: sqlite(':memory:'),
    mailer: { send: async (message) => void outbox.push(message) },
    mailFrom: 'hello@acme.example',
    publicUrl: 'https://admin.acme.example',
    logger: silentLogger,
    ...(options.passwordHashing ? { passwordHashing: options.passwordHashing } : {}),
  });
  try {
    await sb.migrate();

    const { account, admin } = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme Telecom',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example' },
    });
    log(`Opened ${account.companyName} (${account.id}); ${admin.email} is ${admin.status}.`);

    await sb.mail.idle();
    const link = outbox[0]?.text.match(/https:\S+/)?.[0] ?? '';
    log(`Activation email from ${outbox[0]?.from} to ${outbox[0]?.to}: ${outbox[0]?.subject}`);

    const token = new URL(link).searchParams.get('token') ?? '';
    const session = await sb.identity.activate({
      token,
      password: 'a long and private passphrase',
    });
    log(`${session.user.firstName} activated and is signed in.`);

    const actor = await sb.identity.authenticate(session.token);
    if (!actor) throw new Error('the new session does not authenticate');
    const updated = await sb.account.update(actor, {
      address: '1 Main Street',
      city: 'Boston',
      state: 'ma',
      zip: '02110',
      phoneNumber: '(617) 555-0100',
    });
    log(
      `Company details: ${updated.address}, ${updated.city}, ${updated.state} ${updated.zip}, ${updated.phoneNumber}`,
    );

    const { data: events } = await sb.audit.list(actor);
    log(`Audit log: ${events.map((e) => e.action).join(', ')}`);
    return { account: updated, events, mail: outbox };
  } finally {
    await sb.close();
  }
}
