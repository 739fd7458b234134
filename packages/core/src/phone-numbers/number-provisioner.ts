/** What Switchboard asks a carrier for (P3). */
export interface ProvisionRequest {
  type: 'toll_free';
  pci: boolean;
  accountId: string;
  /**
   * Switchboard's id of the number being acquired (`pn_…`). A carrier that can should keep
   * it with the number (Twilio: `FriendlyName`), so `findProvisioned` can answer after a crash.
   */
  reference: string;
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
 * - `findProvisioned` answers whether a purchase made for `reference` happened: the number,
 *   or null when the carrier holds none for it. Switchboard asks it for a purchase
 *   interrupted by a crash, to finish or forget it. A provisioner without it cannot say:
 *   such a purchase is forgotten (and logged) after the reconciliation grace period.
 */
export interface NumberProvisioner {
  provision(request: ProvisionRequest): Promise<ProvisionedNumber>;
  release(number: ProvisionedNumber): Promise<void>;
  findProvisioned?(reference: string): Promise<ProvisionedNumber | null>;
}
