// A form whose card is too big to carry a copy of its fields (render/form.ts keeps only the title
// and the private value then) is still closed with a valid card naming the form when it is sent —
// before, the title was read from the missing copy and the card had an empty TextBlock, which Teams
// refuses to draw.
import { afterEach, expect, it } from 'vitest';
import type { FlowFactory } from '../../../src/core/flow.js';
import { FORM_KEY } from '../../../src/bot/teams/render/form.js';
import { teamsTexts } from '../../../src/bot/teams/texts.js';
import { cardOf, cardText } from './fake-connector.js';
import { startTeams, type TeamsHarness } from './harness.js';
import { buttons, click, say } from './reflection-fixture.js';
import { expectValidCard } from './validate-card.js';

let h: TeamsHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const TITLE = 'Vælg en skole';
const bigForm: FlowFactory = () => ({
  name: 'big-form',
  commands: {
    offer: async (_ev, ix) =>
      ix.openForm(() => ({
        id: 'big.form',
        title: TITLE,
        submitLabel: 'Send',
        cancelLabel: 'Annullér',
        privateValue: 'ctx-1',
        // About 16 KB of choices: the card holds them once, but not a second copy in the button's data.
        fields: [{ id: 'school', label: 'Skole', type: 'select', options: Array.from({ length: 400 }, (_, i) => ({ value: `s-${i}`, label: `Skole nummer ${i} i kommunen` })) }],
      })),
  },
  forms: { 'big.form': async () => ({ ok: true }) },
});

it('closes a sent form with a valid card that names it, also when the card could not carry its fields', async () => {
  h = await startTeams({ flows: [bigForm] });
  const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
  const opened = await say(h, anna, 'tilbyd');
  const form = opened.cards[0];
  expectValidCard(form);
  const submit = buttons(form).find((b) => b.verb === 'big.form')!;
  // The bare copy: title and private value, no fields.
  expect(submit.data![FORM_KEY]).toMatchObject({ id: 'big.form', title: TITLE, privateValue: 'ctx-1' });
  expect((submit.data![FORM_KEY] as { fields?: unknown }).fields).toBeUndefined();

  const sent = await click(h, anna, submit.verb!, { ...submit.data, 'field.school': 's-7' });
  const closed = sent.cards.at(-1);
  expectValidCard(closed);
  expect(cardText(closed)).toContain(teamsTexts.plain('da', 'formSent', { title: TITLE }));
  for (const c of h.fake.calls) if (cardOf(c.body)) expectValidCard(cardOf(c.body));
});
