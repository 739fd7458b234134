// The emails an admin sends a user through the users service: a password reset, an
// activation link again, and the activation email of a new user (U2, U3, U6, U9).
import { findAccount } from '../account/index.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import {
  activationLink,
  issueUserToken,
  passwordResetLink,
  type RateLimiter,
} from '../identity/index.js';
import { activationEmail, passwordResetEmail } from '../mail/index.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import type { ServiceContext } from '../shared/service-context.js';
import type { WriteTx } from '../shared/write-pipeline.js';
import { toUser } from './user-repository.js';
import { assertNotDeactivated } from './user-status-rules.js';
import { userInAccount } from './users-admin.js';

/** Emails the user a password-reset link; see `UsersService.sendPasswordReset`. */
export function sendPasswordReset(
  ctx: ServiceContext,
  rateLimiter: RateLimiter,
  actor: Actor,
  id: string,
): Promise<void> {
  return emailUser(ctx, rateLimiter, actor, id, async (tx, user) => {
    const { token } = await issueUserToken(tx.trx, {
      userId: id,
      purpose: 'password_reset',
      now: tx.now,
    });
    await tx.mail(
      user.email,
      passwordResetEmail({
        firstName: user.first_name,
        link: passwordResetLink(ctx.publicUrl, token),
      }),
    );
    tx.record({ action: 'user.password_reset_requested', target: { type: 'user', id } });
  });
}

/** Emails a pending user a fresh activation link; see `UsersService.resendActivation`. */
export function resendActivation(
  ctx: ServiceContext,
  rateLimiter: RateLimiter,
  actor: Actor,
  id: string,
): Promise<void> {
  return emailUser(ctx, rateLimiter, actor, id, async (tx, user) => {
    if (user.status !== 'pending')
      throw new SwitchboardError('already_active', 'This user is already active');
    const account = await findAccount(tx.trx, actor.accountId);
    await mailActivation(ctx, tx, id, user.email, user.first_name, account?.companyName ?? '');
    tx.record({ action: 'user.activation_resent', target: { type: 'user', id } });
  });
}

/**
 * An email an admin sends a user (admins only): counted against the limits first, then
 * `send` runs as one change with the user of the account, who must not be deactivated.
 */
async function emailUser(
  ctx: ServiceContext,
  rateLimiter: RateLimiter,
  actor: Actor,
  id: string,
  send: (tx: WriteTx, user: Awaited<ReturnType<typeof userInAccount>>) => Promise<void>,
): Promise<void> {
  requireAdmin(actor);
  await countEmail(rateLimiter, actor, id); // a rate limit: counted before anything is sent
  await ctx.write(actor, async (tx) => {
    const user = await userInAccount(tx.trx, actor, id);
    assertNotDeactivated(toUser(user));
    await send(tx, user);
  });
}

/** Issues an activation token (voiding earlier ones) and queues its email (U2, U3, U9). */
export async function mailActivation(
  ctx: ServiceContext,
  tx: WriteTx,
  userId: string,
  email: string,
  firstName: string,
  companyName: string,
): Promise<void> {
  const { token } = await issueUserToken(tx.trx, { userId, purpose: 'activation', now: tx.now });
  await tx.mail(
    email,
    activationEmail({ firstName, companyName, link: activationLink(ctx.publicUrl, token) }),
  );
}

/**
 * Counts an email an admin asks to send a user, so the API cannot be used to flood a
 * mailbox: `rate_limited` (with seconds to wait) past the per-user or per-admin limit.
 * Counted atomically and before anything is sent, on every instance alike.
 */
async function countEmail(rateLimiter: RateLimiter, actor: Actor, userId: string): Promise<void> {
  const { emailsPerUser, emailsPerSender } = rateLimiter.options;
  await rateLimiter.take(
    [
      { key: `email:user:${userId}`, limit: emailsPerUser },
      { key: `email:sender:${actor.userId}`, limit: emailsPerSender },
    ],
    'Too many emails to this user; try again later',
  );
}
