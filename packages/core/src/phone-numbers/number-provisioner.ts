/** What Switchboard asks a carrier for (P3). */
export interface ProvisionRequest {
  type: 'toll_free';
  pci: boolean;
  accountId: string;
}

/** A number the carrier has confirmed as ours. */
export interface ProvisionedNumber {
  /** E.164. */
  number: string;
  /** The carrier's id for the number, passed back to `release` (e.g. a Twilio `PN…` sid). */
  providerRef: string | null;
}

/**
 * Acquires and releases phone numbers with a carrier.
 *
 * - `provision` resolves only once the carrier has confirmed the number is ours, and throws
 *   (ideally a `SwitchboardError('unavailable')`) when it did not: then nothing was bought.
 * - `release` is idempotent: releasing a number the carrier no longer holds for us succeeds.
 */
export interface NumberProvisioner {
  provision(request: ProvisionRequest): Promise<ProvisionedNumber>;
  release(number: ProvisionedNumber): Promise<void>;
}
