// Work done after the ack. Listeners ack first and run the rest through here, so errors are logged
// (never crash the process) and shutdown — and tests — can wait for what is still in flight.
import type { Logger } from '../../core/logger.js';

export class WorkTracker {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  run<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    const p = fn().catch((err: unknown) => {
      this.logger.error({ err, what }, 'Slack handler failed');
      return undefined;
    });
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  /** Resolves once nothing is in flight (including work started while waiting). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
