// The account area's public API: the service, and what other areas may do to accounts inside
// their own changes. Only this area's files touch the `accounts` table.
export { accountChanges } from './account-changes.js';
export {
  findAccount,
  hasAnyAccount,
  insertAccount,
  lockAccount,
  updateAccountRow,
} from './account-repository.js';
export { AccountService } from './account-service.js';
