// The Slack sender paces itself, so a fan-out (800 announcements) stays under Slack's published
// limits instead of running into 429s: one token bucket per Web API method (Tier 3 methods ≈ 50 a
// minute) and one per channel for posting (≈ 1 message a second, with a small burst). Every 429's
// Retry-After also closes the method until then. A caller waits for its turn when that is short;
// when it is long, it gets a rate-limit error at once, which the job engine turns into a retry at
// that time (never an attempt toward "failed"), so no message is dropped for being asked to wait.
import { TransientDeliveryError } from '../../core/chat.js';

/** A token bucket's size: this many calls a minute, up to `burst` at once. */
export interface PaceLimit {
  perMinute: number;
  burst: number;
}

export interface PacerLimits {
  /** Per Web API method, across all channels. Methods not listed are not paced by method. */
  methods: Record<string, PaceLimit>;
  /** Per channel, for the methods listed in `channelMethods`. */
  perChannel: PaceLimit;
  channelMethods: string[];
  /** Longer waits are not waited out in the call: the caller is told to retry then. */
  maxWaitMs: number;
}

/** Slack's published limits (api.slack.com/apis/rate-limits). */
export const SLACK_LIMITS: PacerLimits = {
  methods: {
    'conversations.open': { perMinute: 50, burst: 5 }, // Tier 3
    'users.lookupByEmail': { perMinute: 50, burst: 5 }, // Tier 3
    'conversations.history': { perMinute: 50, burst: 5 }, // Tier 3
    'conversations.replies': { perMinute: 50, burst: 5 }, // Tier 3 (the crash-window look-up in a thread)
  },
  perChannel: { perMinute: 60, burst: 3 }, // chat.postMessage: about one a second per channel
  channelMethods: ['chat.postMessage'],
  maxWaitMs: 5_000,
};

class Bucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly limit: PaceLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.at = now;
  }

  /** How long until a token is free. */
  waitMs(now: number): number {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.at) * this.limit.perMinute) / 60_000);
    this.at = now;
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) * 60_000) / this.limit.perMinute;
  }

  /** Takes the token now (it may go negative: the next caller waits for the refill). */
  take(): void {
    this.tokens -= 1;
  }
}

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();
  /** Methods closed by a Retry-After, until when (on the runtime's clock, like the job engine's retries). */
  private readonly closed = new Map<string, number>();

  /**
   * Tokens refill on the wall clock (`now`), as Slack counts; a Retry-After is counted on `clock`,
   * the runtime's clock, which the job engine also reschedules by (the same one in production).
   */
  constructor(
    private readonly limits: PacerLimits = SLACK_LIMITS,
    private readonly clock: () => number = Date.now,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Waits for this call's turn, or throws a rate-limit error when the turn is further away than maxWaitMs. */
  async take(method: string, channel?: string): Promise<void> {
    for (;;) {
      const closedFor = (this.closed.get(method) ?? 0) - this.clock();
      if (closedFor > 0) {
        // Slack said when: that wait belongs to the job engine (a retry then), not to this call.
        throw new TransientDeliveryError(`Slack ${method}: closed by Retry-After (${Math.ceil(closedFor / 1000)} s left)`, closedFor, { rateLimited: true });
      }
      const buckets = this.bucketsFor(method, channel);
      const wait = Math.max(0, ...buckets.map((b) => b.waitMs(this.now())));
      if (wait > this.limits.maxWaitMs) {
        throw new TransientDeliveryError(`Slack ${method}: paced (next turn in ${Math.ceil(wait / 1000)} s)`, wait, { rateLimited: true });
      }
      if (wait <= 0) {
        for (const b of buckets) b.take();
        return;
      }
      await this.sleep(wait);
    }
  }

  /** Slack said 429 with Retry-After: no call of this method before then. */
  retryAfter(method: string, ms: number): void {
    this.closed.set(method, Math.max(this.closed.get(method) ?? 0, this.clock() + ms));
  }

  private bucketsFor(method: string, channel?: string): Bucket[] {
    const out = [this.bucket(method, this.limits.methods[method] ?? { perMinute: Number.MAX_SAFE_INTEGER, burst: 1 })];
    if (channel && this.limits.channelMethods.includes(method)) out.push(this.bucket(`${method} ${channel}`, this.limits.perChannel));
    return out;
  }

  private bucket(key: string, limit: PaceLimit): Bucket {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new Bucket(limit, this.now())));
    return b;
  }
}
