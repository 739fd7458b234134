// The users area's public API: the service, and what other areas may read or do to users
// inside their own changes. Only this area's files write the `users` table.
export { decodeUserCursor, likePrefixPattern } from './user-cursor.js';
export {
  findProvisionedUsers,
  type ProvisionedUser,
  type ProvisionedUserFilter,
  toProvisionedUser,
} from './user-provisioning-queries.js';
export {
  activateWithPassword,
  findUserByEmailKey,
  findUserRow,
  insertUser,
  lockUserRow,
  type NewUserRow,
  setPasswordHash,
  toUser,
  updateUserRow,
  userStatusOf,
} from './user-repository.js';
export type { UsersAdmin } from './users-admin.js';
export { UsersService } from './users-service.js';
