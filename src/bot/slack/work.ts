// Work done after the ack. Listeners ack first and hand the rest to this queue, which
//  - starts work on a later turn of the event loop (setImmediate), so requests that have already
//    arrived are read, verified and acked before any post-ack work runs;
//  - runs at most `concurrency` items at once (Web API calls mostly wait on the network), and starts
//    none while requests are waiting for their ack (`underPressure`) — acks come first, since SQLite
//    and the query compiler run on the main thread — unless an item has already waited `maxDeferMs`
//    (then one at a time), so a steady flood of requests cannot starve the work;
//  - logs failures (a listener error never crashes the process), and lets shutdown and tests wait
//    for everything still queued or running.
import type { Logger } from '../../core/logger.js';

export class WorkTracker {
  private readonly queue: { start: () => void; queuedAt: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private active = 0;
  private pumping = false;

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = 8,
    /** True while requests have arrived that are not acked yet. */
    private readonly underPressure: () => boolean = () => false,
    /** Longest time queued work gives way to acks. */
    private readonly maxDeferMs = 250,
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
      const item = { start, queuedAt: Date.now() };
      if (options.urgent) this.queue.unshift(item);
      else this.queue.push(item);
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
      let limit = this.concurrency;
      if (this.underPressure()) {
        const waited = Date.now() - this.queue[0]!.queuedAt;
        limit = waited >= this.maxDeferMs ? 1 : 0;
        // Look again when the oldest item's deferral runs out (an ack also pumps).
        if (limit === 0 && !this.timer) {
          this.timer = setTimeout(() => {
            this.timer = null;
            this.pump();
          }, this.maxDeferMs - waited);
          this.timer.unref();
        }
      }
      while (this.active < limit && this.queue.length > 0) this.queue.shift()!.start();
    });
  }
}
