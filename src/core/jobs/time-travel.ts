// Moving time forward the way it really passes: the clock stops at each pending job's due time and
// the job engine's own tick runs what is due there, so every job runs once, in order, at its own
// moment — and the jobs those create (a delivery due now, tomorrow's reminder) are run in turn when
// their moment comes. Only the playground uses it, and only with no real platform configured.
import type { SettableClock } from '../clock.js';
import type { TickResult } from './engine.js';

/** The part of the job engine time travel drives. */
export interface TravelEngine {
  tick(): Promise<TickResult>;
  nextDueAt(): Promise<Date | null>;
  messageableFrom(at: Date, municipalityId: string | null): Promise<Date>;
}

export interface TravelResult {
  from: Date;
  to: Date;
  /** Jobs that ran (or failed, or were deferred) on the way, summed over every tick. */
  ran: number;
  failed: number;
  deferred: number;
}

/** What the playground's time control may do. */
export interface TimeControl {
  now(): Date;
  /** When the next pending job is due, or null. */
  nextEventAt(): Promise<Date | null>;
  /** When staff may be messaged next (now if now is a working moment). */
  messageableFrom(municipalityId: string | null): Promise<Date>;
  /** Moves forward to `target` (never back), running each job when its time comes. */
  travelTo(target: Date): Promise<TravelResult>;
  /** Moves to the next pending job's due time (or stays, when it is already due) and runs it. */
  jumpToNextEvent(): Promise<TravelResult | null>;
}

/** A guard, not a limit anyone should meet: a year of a busy municipality is far fewer steps. */
const MAX_STEPS = 50_000;

export function timeControl(engine: TravelEngine, clock: SettableClock): TimeControl {
  const travelTo = async (target: Date): Promise<TravelResult> => {
    const from = clock.now();
    const result: TravelResult = { from, to: from, ran: 0, failed: 0, deferred: 0 };
    const add = (r: TickResult) => {
      result.ran += r.ran;
      result.failed += r.failed;
      result.deferred += r.deferred;
    };
    let idle = 0;
    for (let step = 0; step < MAX_STEPS; step++) {
      const next = await engine.nextDueAt();
      if (!next || next.getTime() > target.getTime()) break;
      if (next.getTime() > clock.now().getTime()) clock.set(next);
      const r = await engine.tick();
      add(r);
      // A tick that found nothing (another tick of this process was already under way and has
      // now finished) is simply tried again; twice in a row means nothing is claimable here.
      idle = r.ran + r.failed + r.retried + r.deferred === 0 ? idle + 1 : 0;
      if (idle >= 2) break;
    }
    if (target.getTime() > clock.now().getTime()) clock.set(target);
    add(await engine.tick());
    result.to = clock.now();
    return result;
  };
  return {
    now: () => clock.now(),
    nextEventAt: () => engine.nextDueAt(),
    messageableFrom: (municipalityId) => engine.messageableFrom(clock.now(), municipalityId),
    travelTo,
    async jumpToNextEvent() {
      const next = await engine.nextDueAt();
      if (!next) return null;
      return travelTo(new Date(Math.max(next.getTime(), clock.now().getTime())));
    },
  };
}
