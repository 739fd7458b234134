// The operator area's public API.
export { type CreatedAccount, OperatorService } from './operator-service.js';
