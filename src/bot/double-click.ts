// A double click is two distinct deliveries with new ids, so the runtime's once-per-delivery record
// does not catch it. Both adapters drop the second of two identical clicks within a short window
// (flows re-check the database anyway, e.g. a slot already claimed).
export class DoubleClickGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs = 2_000) {}

  /** True the first time a key is seen within the window. */
  first(key: string, now = Date.now()): boolean {
    if (this.seen.size > 5_000) for (const [k, t] of this.seen) if (t <= now) this.seen.delete(k);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.set(key, now + this.windowMs);
    return true;
  }
}
