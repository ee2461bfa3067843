// One injected clock. Production uses the system clock; tests and the playground move a manual one,
// so a whole school year of scheduling can run in a second.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** A clock that can be moved to another instant (the playground's time control moves it forward). */
export interface SettableClock extends Clock {
  set(to: Date | string): void;
}

export function isSettable(clock: Clock): clock is SettableClock {
  return typeof (clock as Partial<SettableClock>).set === 'function';
}

/**
 * Real time plus an offset: it keeps ticking like the system clock, and `set` jumps it ahead. The
 * playground runs on one, so a person can skip to Monday morning and time goes on from there.
 */
export class OffsetClock implements SettableClock {
  constructor(
    private readonly base: Clock = systemClock,
    /** How far ahead of the base clock it runs (kept by the playground over a restart). */
    public offsetMs = 0,
  ) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  set(to: Date | string): void {
    this.offsetMs = new Date(to).getTime() - this.base.now().getTime();
  }
}
