import type { User } from '@switchboard/contract';

/**
 * Who may receive the phone numbers of a user being deleted (U5), as the Delete window
 * offers them: you first, then the other users of `candidates` in their order, leaving out
 * the user themselves and deactivated users, who cannot sign in to use a number.
 *
 * @example numberHeirs(alan, listedUsers, me)[0] === me // you, the default choice
 */
export function numberHeirs(
  deleting: User,
  candidates: readonly User[],
  me: User | undefined,
): User[] {
  const heirs = candidates.filter(
    (user) => user.id !== deleting.id && user.id !== me?.id && user.status !== 'deactivated',
  );
  return me && me.id !== deleting.id ? [me, ...heirs] : heirs;
}
