// `kapacitet 3` | `capacity 3`: how many visits a week a learning agent (or consultant) can take.
// Without a number it shows the current limit; `kapacitet ingen` removes it. The booking flow
// enforces it (booking/capacity.ts).
import type { CommandEvent } from '../../core/flow.js';
import type { Interaction } from '../../core/chat.js';
import { simpleMessage } from '../../core/messages.js';
import type { ProductDeps } from '../stores.js';
import { programmeTexts as T } from './texts.js';

/** More than this a week is not a limit anyone means. */
export const MAX_CAPACITY = 20;
type TextKey = Parameters<ReturnType<typeof T.for>>[0];
const NONE_WORDS = ['ingen', 'none', 'nej', 'off', 'fri'];

export async function capacityCommand(deps: ProductDeps, ev: CommandEvent, ix: Interaction): Promise<void> {
  const say = (key: TextKey, params?: Record<string, string | number>) =>
    ix.respond((l) => simpleMessage(T.for(l)(key, params)));
  const roles = await deps.directory.rolesOf(ev.actor.personId);
  if (!roles.some((r) => r.role === 'learning_agent' || r.role === 'consultant')) return say('capacityNotAgent');
  const arg = ev.args.trim().toLowerCase();
  if (arg === '') {
    const current = await deps.stores.programme.capacity(ev.actor.personId);
    return current === null ? say('capacityNone') : say('capacityCurrent', { capacity: current });
  }
  if (NONE_WORDS.includes(arg)) {
    await deps.stores.programme.setCapacity(ev.actor.personId, null);
    return say('capacityCleared');
  }
  if (!/^\d{1,3}$/.test(arg) || Number(arg) > MAX_CAPACITY) return say('capacityBad', { value: ev.args.trim().slice(0, 20), max: MAX_CAPACITY });
  await deps.stores.programme.setCapacity(ev.actor.personId, Number(arg));
  return say('capacitySet', { capacity: Number(arg) });
}
