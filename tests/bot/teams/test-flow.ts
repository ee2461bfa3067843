// A small flow for the adapter tests (the booking flow is tested on its own): a form that posts an
// announcement with a claim button to the school's agents channel, a claim that updates the card and
// confirms privately, and a private "my" answer that must never land in a channel.
import { bold, plain, rich } from '../../../src/core/i18n/text.js';
import { actions, fields, header, text, type MessageBuilder } from '../../../src/core/messages.js';
import type { FlowFactory } from '../../../src/core/flow.js';

export const calls = { claims: 0, submits: 0 };

export const testFlow: FlowFactory = ({ chat, directory }) => ({
  name: 'teams-test',
  commands: {
    offer: async (_ev, ix) =>
      ix.openForm((l) => ({
        id: 'test.offer',
        title: l === 'da' ? 'Tilbyd en lektion' : 'Offer a lesson',
        submitLabel: 'Send',
        cancelLabel: l === 'da' ? 'Annullér' : 'Cancel',
        privateValue: 'ctx-1',
        fields: [
          { id: 'subject', label: 'Fag', type: 'text', required: true, maxLength: 100 },
          { id: 'date', label: 'Dato', type: 'date', required: true },
          { id: 'time', label: 'Tid', type: 'time' },
        ],
      })),
    my: async (_ev, ix) => ix.respond(() => ({ summary: 'Mine', blocks: [text(plain('Min hemmelige refleksion'))] })),
  },
  actions: {
    'test.claim': async (ev, ix) => {
      calls.claims += 1;
      const me = await directory.person(ev.actor.personId);
      await ix.updateSource(announcement(ev.value ?? '', me?.name ?? '?'));
      await ix.respond(() => ({ summary: 'Du har taget lektionen', blocks: [text(rich('Du har taget ', bold(ev.value ?? ''), '.'))] }));
    },
  },
  forms: {
    'test.offer': async (sub, ix) => {
      calls.submits += 1;
      if (sub.values.subject === 'fejl') return { ok: false, errors: { subject: 'Det fag findes ikke' } };
      const me = await directory.person(sub.actor.personId);
      const schools = await directory.rolesOf(sub.actor.personId);
      await chat.postToChannel(schools[0]!.schoolId, 'agents', announcement(`${sub.values.subject} ${sub.values.date} (${sub.privateValue})`, null), { key: `test:${sub.values.subject}:${sub.values.date}` });
      await ix.respond(() => ({ summary: 'Tak', blocks: [text(plain(`Tak, ${me?.name}. Lektionen er slået op.`))] }));
      return { ok: true };
    },
  },
});

export function announcement(lesson: string, claimedBy: string | null): MessageBuilder {
  return () => ({
    summary: `Ledig lektion: ${lesson}`,
    blocks: [
      header('Ledig lektion'),
      fields({ label: 'Lektion', value: plain(lesson) }),
      claimedBy ? text(plain(`Taget af ${claimedBy}`)) : actions({ actionId: 'test.claim', value: lesson, label: 'Tag den', style: 'primary' }),
    ],
  });
}
