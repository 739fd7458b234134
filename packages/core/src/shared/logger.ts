/** Where the core writes what operators should see. Never given a secret. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Logs one line per message to the console. */
export const consoleLogger: Logger = {
  info: (message, fields) => console.info(message, ...(fields ? [fields] : [])),
  warn: (message, fields) => console.warn(message, ...(fields ? [fields] : [])),
  error: (message, fields) => console.error(message, ...(fields ? [fields] : [])),
};

/** Drops everything (tests, quiet embedding). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
