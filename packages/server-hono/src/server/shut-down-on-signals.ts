import type { HttpServer } from './http-server.js';

/** Seconds the database and the mailer get to close after the connections are done. */
const closeGraceMs = 5_000;

/** What a shutdown stops, and how it reports and ends the process. */
export interface ShutdownOptions {
  http: Pick<HttpServer, 'close'>;
  /** Waits for mail being sent, then closes the mailer and the database (`switchboard.close`). */
  close: () => Promise<void>;
  /** How long requests in flight may take to finish. */
  timeoutMs: number;
  log: (line: string) => void;
  exit: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * On SIGTERM or SIGINT: stop accepting, close idle and half-sent connections, let requests
 * in flight finish for up to `timeoutMs` then destroy what is left, wait for mail being
 * sent, close the database, and exit 0. The database close is given 5 s more; past that,
 * or on a second signal, the process exits 1 at once.
 */
export function shutDownOnSignals(options: ShutdownOptions): void {
  const { http, close, timeoutMs, log, exit } = options;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    log(
      `${signal}: shutting down (no new connections; requests in flight may take ${timeoutMs / 1000} s)`,
    );
    const report = await http.close(timeoutMs);
    log(
      `Connections closed: ${report.idle} idle at once, ${report.inFlight} requests in flight` +
        (report.forced > 0 ? `, ${report.forced} cut at the deadline` : '') +
        (report.abandoned > 0 ? `, ${report.abandoned} handlers still running` : ''),
    );
    const timer = setTimeout(() => {
      log(`The database did not close within ${closeGraceMs / 1000} s: exiting anyway`);
      exit(1);
    }, closeGraceMs);
    try {
      await close();
      log('Database closed; bye');
      exit(0);
    } catch (error) {
      log(`Closing failed: ${error instanceof Error ? error.message : String(error)}`);
      exit(1);
    } finally {
      clearTimeout(timer);
    }
  };
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) {
    process.on(signal, () => void stop(signal));
  }
}
