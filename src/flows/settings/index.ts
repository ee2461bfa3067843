// `indstillinger|settings`: a person's own preferences. For now one: prompts off or on for herself
// (Person.promptsOff), honoured by the reflection flow's prompt and reminder and by programme nudges.
import type { Actor, Interaction } from '../../core/chat.js';
import type { Flow } from '../../core/flow.js';
import { actions, header, text, type Message } from '../../core/messages.js';
import type { ProductFlowFactory } from '../stores.js';
import { settingsTexts as T } from './texts.js';

export const createSettingsFlow: ProductFlowFactory = ({ stores }) => {
  const show = async (actor: Actor, ix: Interaction) => {
    const off = await stores.settings.promptsOff(actor.personId);
    await ix.respond(
      (l): Message => ({
        summary: T.plain(l, 'title'),
        blocks: [
          header(T.plain(l, 'title')),
          text(T.for(l)(off ? 'promptsOff' : 'promptsOn')),
          actions({ actionId: 'settings.prompts', value: off ? 'on' : 'off', label: T.plain(l, off ? 'turnOn' : 'turnOff') }),
        ],
      }),
    );
  };
  const flow: Flow = {
    name: 'settings',
    commands: { settings: (ev, ix) => show(ev.actor, ix) },
    actions: {
      // Only ever her own setting: the value says which way, the actor says whose.
      'settings.prompts': async (ev, ix) => {
        const off = ev.value === 'off';
        if (ev.value !== 'off' && ev.value !== 'on') return show(ev.actor, ix);
        await stores.settings.setPromptsOff(ev.actor.personId, off);
        await ix.updateSource((l) => ({ summary: T.plain(l, off ? 'turnedOff' : 'turnedOn'), blocks: [text(T.for(l)(off ? 'turnedOff' : 'turnedOn'))] }));
      },
    },
  };
  return flow;
};
