/** One email, ready to send. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Sends email. `send` resolves once the message is accepted for delivery and throws when
 * it is not; the outbox retries a failed message later, so `send` may see a message again
 * after a crash (at-least-once).
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
