/** The parts of an email a template makes; the outbox adds sender and recipient. */
export interface EmailContent {
  template: string;
  subject: string;
  text: string;
  html: string;
}
