import {
  type FieldIssue,
  type ScimListQuery,
  scimListQuerySchema,
  scimPatchSchema,
  scimUrns,
  scimUserInputSchema,
} from '@switchboard/contract';
import { parseInput } from '../errors/parse-input.js';
import { isSwitchboardError, SwitchboardError } from '../errors/switchboard-error.js';
import type { ServiceContext } from '../shared/service-context.js';
import type { VersionCondition } from '../shared/version-condition.js';
import type { ScimActor } from '../shared/write-pipeline.js';
import {
  findProvisionedUsers,
  findUserRow,
  type ProvisionedUser,
  toProvisionedUser,
  type UsersService,
} from '../users/index.js';
import { parseScimFilter } from './scim-filter.js';
import { applyScimPatch } from './scim-patch.js';
import { assertedState, type ScimUserState, scimStateOf, userEditOf } from './scim-user-state.js';

/** One page of `GET /Users`: every match's count, where the page starts (1-based), its users. */
export interface ScimUserPage {
  totalResults: number;
  startIndex: number;
  users: ProvisionedUser[];
}

/** The SCIM names of the users service's fields, for error issues. */
const scimPaths: Record<string, string> = {
  firstName: 'name.givenName',
  lastName: 'name.familyName',
  email: 'userName',
  isAdmin: `${scimUrns.switchboardUser}:isAdmin`,
  'permissions.canCreate': `${scimUrns.switchboardUser}:canCreate`,
  'permissions.canShare': `${scimUrns.switchboardUser}:canShare`,
};

/** Runs a users-service call, its field issues renamed to SCIM attributes. */
async function inScimTerms<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!isSwitchboardError(error, 'validation_failed') || !error.issues) throw error;
    const issues: FieldIssue[] = error.issues.map((issue) => ({
      path: scimPaths[issue.path] ?? issue.path,
      message: issue.message,
    }));
    const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new SwitchboardError('validation_failed', detail, { issues, cause: error });
  }
}

function requireScim(actor: ScimActor): void {
  if (actor?.type !== 'scim' || typeof actor.accountId !== 'string')
    throw new SwitchboardError('forbidden', 'Only an account’s SCIM client may do this');
}

/** A PUT must name the user's email and names (RFC 7643: `userName` and `name` are required). */
function assertComplete(asserted: Partial<ScimUserState>): void {
  const missing = (['userName', 'givenName', 'familyName'] as const).filter(
    (key) => asserted[key] === undefined,
  );
  if (missing.length === 0) return;
  const issues = missing.map((key) => ({
    path: key === 'userName' ? 'userName' : `name.${key}`,
    message: 'Required',
  }));
  throw new SwitchboardError(
    'validation_failed',
    `Required: ${issues.map((i) => i.path).join(', ')}`,
    {
      issues,
    },
  );
}

/**
 * SCIM 2.0 provisioning of an account's users (S1), for identity providers: lists with
 * filters and pages, and every change made through the users service — the same rules
 * (U1–U5, U9), audit events and mail as `/v1`, with the SCIM actor as the one who acts.
 * Bodies are SCIM's (RFC 7643/7644), checked here; answers are provisioned users, which
 * `scimUserOf` (contract) turns into SCIM Users.
 */
export class ScimService {
  readonly #ctx: ServiceContext;
  readonly #users: UsersService;

  constructor(ctx: ServiceContext, deps: { users: UsersService }) {
    this.#ctx = ctx;
    this.#users = deps.users;
  }

  /**
   * The account's users matching a SCIM `filter`, in the order they were added, from the
   * 1-based `startIndex`, `count` at most (capped), with the exact number of matches.
   *
   * @example const page = await sb.scim.listUsers(actor, { filter: 'userName eq "ada@acme.test"' });
   */
  async listUsers(actor: ScimActor, query: ScimListQuery = {}): Promise<ScimUserPage> {
    requireScim(actor);
    const { filter, startIndex, count } = parseInput(scimListQuerySchema, query);
    const where = filter ? parseScimFilter(filter) : {};
    const { total, users } = await findProvisionedUsers(this.#ctx.db, actor.accountId, where, {
      offset: startIndex - 1,
      limit: count,
    });
    return { totalResults: total, startIndex, users };
  }

  /** One user of the account; `not_found` for any other id. */
  async getUser(actor: ScimActor, id: string): Promise<ProvisionedUser> {
    requireScim(actor);
    const row = await findUserRow(this.#ctx.db, id);
    if (!row || row.account_id !== actor.accountId)
      throw new SwitchboardError('not_found', 'No such user');
    return toProvisionedUser(row);
  }

  /**
   * Adds a user from a SCIM User: pending, with the activation email (U2) — or deactivated,
   * without one, when `active` is false. `email_taken` (U1) when the email is in use.
   */
  async createUser(actor: ScimActor, body: unknown): Promise<ProvisionedUser> {
    requireScim(actor);
    const asserted = assertedState(parseInput(scimUserInputSchema, body));
    const externalId = asserted.externalId ?? null;
    const user = await inScimTerms(
      this.#users.add(
        actor,
        {
          firstName: asserted.givenName ?? '',
          lastName: asserted.familyName ?? '',
          email: asserted.userName ?? '',
          isAdmin: asserted.isAdmin ?? false,
          permissions: {
            canCreate: asserted.canCreate ?? false,
            canShare: asserted.canShare ?? false,
          },
        },
        { externalId, deactivated: asserted.active === false },
      ),
    );
    return { user, externalId };
  }

  /**
   * Replaces a user with a SCIM User (PUT): its email and names are required; `active`,
   * `externalId` and the extension's flags keep their values when left out.
   */
  async replaceUser(
    actor: ScimActor,
    id: string,
    body: unknown,
    condition?: VersionCondition,
  ): Promise<ProvisionedUser> {
    const asserted = assertedState(parseInput(scimUserInputSchema, body));
    assertComplete(asserted);
    const current = await this.getUser(actor, id);
    return this.#become(actor, id, { ...scimStateOf(current), ...asserted }, condition);
  }

  /**
   * Applies a PatchOp (`add`, `replace`, `remove`; see `applyScimPatch`): `active: false`
   * deactivates (U9), `true` reactivates.
   */
  async patchUser(
    actor: ScimActor,
    id: string,
    body: unknown,
    condition?: VersionCondition,
  ): Promise<ProvisionedUser> {
    const { Operations } = parseInput(scimPatchSchema, body);
    const current = await this.getUser(actor, id);
    return this.#become(actor, id, applyScimPatch(scimStateOf(current), Operations), condition);
  }

  /** Deletes a user (U4, U5): their numbers pass to the account's earliest active admin. */
  async deleteUser(actor: ScimActor, id: string, condition?: VersionCondition): Promise<void> {
    requireScim(actor);
    await this.#users.delete(actor, id, {}, condition);
  }

  /** Brings a user to `state` through the users service (one change, its rules and events). */
  async #become(
    actor: ScimActor,
    id: string,
    state: ScimUserState,
    condition: VersionCondition | undefined,
  ): Promise<ProvisionedUser> {
    const user = await inScimTerms(
      this.#users.update(actor, id, userEditOf(state), condition, {
        externalId: state.externalId,
      }),
    );
    return { user, externalId: state.externalId };
  }
}
