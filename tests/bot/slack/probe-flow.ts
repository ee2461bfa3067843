// A small test-only flow that exercises every way a flow talks through the adapter: a form, a
// private answer with a button, a click that updates its message, a fan-out through the outbox,
// channel linking and a Home section. It records what it received.
import type { ActionEvent, CommandEvent, FormResult, FormSubmission } from '../../../src/core/flow.js';
import { plain } from '../../../src/core/i18n/text.js';
import { actions, header, text } from '../../../src/core/messages.js';
import type { FlowFactory } from '../../../src/core/flow.js';

export interface ProbeLog {
  commands: CommandEvent[];
  actions: ActionEvent[];
  submissions: FormSubmission[];
  /** Person ids the "open" command fans out to. */
  audience: string[];
  /** When set, the "my" command waits for this before answering (a slow database). */
  gate?: Promise<void>;
  /** When set, the offer form waits for this before its verdict (a slow submission). */
  formGate?: Promise<void>;
}

export function probe(): { flow: FlowFactory; log: ProbeLog } {
  const log: ProbeLog = { commands: [], actions: [], submissions: [], audience: [] };
  const flow: FlowFactory = (deps) => ({
    name: 'probe',
    commands: {
      offer: async (ev, ix) => {
        log.commands.push(ev);
        await ix.openForm((l) => ({
          id: 'probe.offer',
          title: l === 'da' ? 'Tilbyd en lektion' : 'Offer a lesson',
          submitLabel: l === 'da' ? 'Tilbyd' : 'Offer',
          cancelLabel: l === 'da' ? 'Annullér' : 'Cancel',
          privateValue: 'slot:42',
          fields: [
            { id: 'date', label: l === 'da' ? 'Dato' : 'Date', type: 'date', required: true },
            { id: 'time', label: l === 'da' ? 'Tidspunkt' : 'Time', type: 'time', initial: '09:00' },
            { id: 'theme', label: 'Tema', type: 'select', options: [{ value: 'klasseledelse', label: 'Klasseledelse' }, { value: 'inkluderende', label: 'Inkluderende' }] },
            { id: 'note', label: l === 'da' ? 'Fokus' : 'Focus', type: 'textarea', maxLength: 500 },
          ],
        }));
      },
      my: async (ev, ix) => {
        log.commands.push(ev);
        if (log.gate) await log.gate;
        await ix.respond((l) => ({
          summary: `Du skrev: ${ev.args}`,
          blocks: [text(plain(`${l === 'da' ? 'Du skrev' : 'You wrote'}: ${ev.args}`)), actions({ actionId: 'probe.claim', value: 'slot-1', label: l === 'da' ? 'Tag den' : 'Claim it', style: 'primary' })],
        }));
      },
      open: async (ev, ix) => {
        log.commands.push(ev);
        const persons = log.audience;
        // One queued delivery per person, sent by the job engine through the Slack driver.
        for (const p of persons) {
          await deps.chat.sendToPerson(p, () => ({ summary: 'Ny lektion', blocks: [text(plain('En ny lektion er klar til dig.'))] }), { key: `probe:${ev.args}:${p}`, quietHoursApply: false });
        }
        await ix.respond(() => ({ summary: `Sender til ${persons.length}`, blocks: [text(plain(`Sender til ${persons.length}`))] }));
      },
      link: async (ev, ix) => {
        log.commands.push(ev);
        await ix.respond(() => ({ summary: 'ok', blocks: [text(plain(`Forbundet: ${ev.channel?.channelId ?? '-'}`))] }));
      },
    },
    actions: {
      'probe.claim': async (ev, ix) => {
        log.actions.push(ev);
        await ix.updateSource(() => ({ summary: 'Taget', blocks: [header('Taget'), text(plain(`Taget af ${ev.actor.personId}`))] }));
      },
    },
    forms: {
      'probe.offer': async (sub, ix): Promise<FormResult> => {
        log.submissions.push(sub);
        if (log.formGate) await log.formGate;
        if (!sub.values.date) return { ok: false, errors: { date: sub.actor.locale === 'da' ? 'Vælg en dato.' : 'Pick a date.' } };
        if (sub.values.note?.includes('fejl')) return { ok: false, errors: { note: 'Fokus må ikke indeholde "fejl".', unknownField: 'Og noget mere.' } };
        await ix.respond(() => ({ summary: 'Tak', blocks: [text(plain(`Tak! Lektionen ${sub.values.date} er tilbudt.`))] }));
        return { ok: true };
      },
    },
    home: async (actor) => [text(plain(`Velkommen hjem, ${actor.personId} <!channel>`))],
  });
  return { flow, log };
}
