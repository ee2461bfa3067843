// One injected clock. Production uses the system clock; tests and the playground move a manual one,
// so a whole school year of scheduling can run in a second.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  // The time lives in shared memory, so a worker thread handed `buffer` reads the same clock
  // (tests move one clock for the main thread and the Slack work thread alike).
  private readonly cell: Float64Array;

  /** Starts at `start`, or attaches to another ManualClock's `buffer` (keeping its time). */
  constructor(start: Date | string | SharedArrayBuffer) {
    if (start instanceof SharedArrayBuffer) {
      this.cell = new Float64Array(start);
    } else {
      this.cell = new Float64Array(new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT));
      this.cell[0] = new Date(start).getTime();
    }
  }
  get buffer(): SharedArrayBuffer {
    return this.cell.buffer as SharedArrayBuffer;
  }
  now(): Date {
    return new Date(this.cell[0]!);
  }
  set(to: Date | string): void {
    this.cell[0] = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.cell[0] = this.cell[0]! + ms;
  }
}
