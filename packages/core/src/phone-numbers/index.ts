// The phone-numbers area's public API: the service, its ports and adapters, and what other
// areas may do to numbers inside their own changes. Only this area's files touch
// `phone_numbers` and `number_quarantine`.
export {
  type LocalTollFreePoolOptions,
  localTollFreePool,
} from './local-toll-free-pool.js';
export type {
  NumberProvisioner,
  ProvisionedNumber,
  ProvisionRequest,
} from './number-provisioner.js';
export { reassignOwnedNumbers } from './phone-number-repository.js';
export { PhoneNumbersService } from './phone-numbers-service.js';
export { isTollFreeNumber, tollFreeNpas } from './toll-free-number.js';
export { type TwilioProvisionerOptions, twilioProvisioner } from './twilio-provisioner.js';
