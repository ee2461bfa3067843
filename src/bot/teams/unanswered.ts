// Sends the connector has not answered yet. A delivery waits ANSWER_WAIT_MS for the connector's
// answer; then it gives up waiting — the job engine tries again later and the worker goes on with
// other messages — but the request itself goes on (up to the client's request timeout, connector.ts).
// Its outcome is kept under the delivery and part, so the next try of the same delivery takes that
// answer instead of sending the message again: a slow connector gives one copy. The same goes for
// the parts of a message sent before a later part was refused (a 429 on the second card).
//
// Kept in this process's memory: after a crash, or when the request timed out without an answer,
// nothing is known and the message is sent again (the Teams crash window, docs/architecture.md).
import { TransientDeliveryError } from '../../core/chat.js';

/** How long a delivery waits for the connector's answer before the job is tried again later. */
export const ANSWER_WAIT_MS = 10_000;
/** Answers nobody came back for (the delivery went to another worker, or failed) are dropped after this. */
const KEEP_MS = 24 * 3_600_000;

type Outcome = { ok: true; id: string } | { ok: false; error: unknown };

interface Entry {
  since: number;
  outcome?: Outcome;
  settled: Promise<Outcome>;
}

export class UnansweredSends {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly waitMs = ANSWER_WAIT_MS) {}

  /**
   * Sends one part of a delivery (`key`: delivery id and part), unless an earlier try of it already
   * went through; gives the activity id. Throws the send's own error, or a TransientDeliveryError when
   * no answer came in time.
   */
  async send(key: string, post: () => Promise<string>): Promise<string> {
    const earlier = this.entries.get(key);
    if (earlier) {
      const outcome = earlier.outcome ?? (await within(earlier.settled, this.waitMs));
      if (!outcome) throw new TransientDeliveryError(`Teams has not answered the earlier try of ${key} yet; not sending it again`);
      if (outcome.ok) return outcome.id; // the earlier try went through after all
      this.entries.delete(key); // it failed: this try sends anew
    }
    const entry = this.track(key, post);
    const outcome = await within(entry.settled, this.waitMs);
    if (!outcome) throw new TransientDeliveryError(`Teams did not answer within ${this.waitMs / 1000} s; the next try takes its answer`);
    if (outcome.ok) return outcome.id;
    this.entries.delete(key);
    throw outcome.error;
  }

  /** The delivery is done: its parts' answers are no longer needed. */
  forget(delivery: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${delivery}:`)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private track(key: string, post: () => Promise<string>): Entry {
    const now = Date.now();
    for (const [k, e] of this.entries) if (e.outcome && now - e.since > KEEP_MS) this.entries.delete(k);
    const entry: Entry = { since: now, settled: Promise.resolve({ ok: false, error: null }) };
    entry.settled = post().then(
      (id): Outcome => (entry.outcome = { ok: true, id }),
      (error: unknown): Outcome => (entry.outcome = { ok: false, error }),
    );
    this.entries.set(key, entry);
    return entry;
  }
}

/** The promise's value if it settles within `ms`, else undefined. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
