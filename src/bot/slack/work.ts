// Work done after the ack. Listeners ack first and hand the rest to this queue, which
//  - starts work on a later turn of the event loop (setImmediate), so requests that have already
//    arrived are read, verified and acked before any post-ack work runs;
//  - runs at most `concurrency` items at once (Web API calls mostly wait on the network), and only
//    one while requests are waiting for their ack (`underPressure`), so a burst of clicks queues up
//    here instead of slowing down every ack (SQLite and the query compiler run on the main thread);
//  - logs failures (a listener error never crashes the process), and lets shutdown and tests wait
//    for everything still queued or running.
import type { Logger } from '../../core/logger.js';

export class WorkTracker {
  private readonly queue: (() => void)[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private active = 0;
  private pumping = false;

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = 8,
    /** True while requests have arrived that are not acked yet. */
    private readonly underPressure: () => boolean = () => false,
  ) {}

  /** Queues work; `urgent` work (a modal waiting for its verdict) goes to the front. */
  run<T>(what: string, fn: () => Promise<T>, options: { urgent?: boolean } = {}): Promise<T | undefined> {
    const p = new Promise<T | undefined>((resolve) => {
      const start = () => {
        this.active += 1;
        fn()
          .then(resolve, (err: unknown) => {
            this.logger.error({ err, what }, 'Slack handler failed');
            resolve(undefined);
          })
          .finally(() => {
            this.active -= 1;
            this.pump();
          });
      };
      if (options.urgent) this.queue.unshift(start);
      else this.queue.push(start);
    });
    this.track(p);
    this.pump();
    return p;
  }

  /** Follows a promise that needs no slot of its own (it waits on queued work). */
  track(p: Promise<unknown>): void {
    const safe = p.catch((err: unknown) => this.logger.error({ err }, 'Slack follow-up failed'));
    this.inFlight.add(safe);
    void safe.finally(() => this.inFlight.delete(safe));
  }

  /** Items waiting for a slot. */
  get backlog(): number {
    return this.queue.length;
  }

  /** Resolves once nothing is queued or running (including work added while waiting). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Starts queued work if there is room; called when work ends and when a request was acked. */
  pump(): void {
    if (this.pumping || this.active >= this.concurrency || this.queue.length === 0) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      // Always one at a time at least, so work progresses even under a flood of requests.
      const limit = this.underPressure() ? 1 : this.concurrency;
      while (this.active < limit && this.queue.length > 0) this.queue.shift()!();
    });
  }
}
