/** The parts of an email a template makes; the outbox adds sender and recipient. */
export interface EmailContent {
  template: string;
  /** The subject as sent when the message can be kept sealed (a key ring is configured). */
  subject: string;
  text: string;
  html: string;
  /**
   * The subject without any secret, e.g. `Your sign-in code` for `Your sign-in code: 493817`:
   * what is kept in clear in the outbox, and what is sent when no key ring can seal the
   * message. Default `subject` (for subjects that hold no secret).
   */
  redactedSubject?: string;
}
