import type { Logger } from '../shared/logger.js';
import type { Mailer } from './mailer.js';

/**
 * A development mailer: writes each message's recipient, subject and text to the log
 * instead of sending it. Use an SMTP mailer in production.
 */
export function logMailer(logger: Logger): Mailer {
  return {
    async send(message) {
      logger.info(`mail to ${message.to}: ${message.subject}\n${message.text}`);
    },
  };
}
