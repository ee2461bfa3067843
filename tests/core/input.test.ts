// Text people type is cleaned once, in the dispatcher, before any flow sees it: NFC, no NUL or other
// control characters (TAB and LF kept), nothing-but-invisible counts as empty. PostgreSQL refuses a
// NUL in text where SQLite stores it; after cleaning both databases store the same thing.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionEvent, CommandEvent, FormSubmission } from '../../src/core/flow.js';
import { cleanLine, cleanText, controlCharacterIn } from '../../src/core/input.js';
import { TEST_POSTGRES_URL } from '../support/database.js';
import { createScenario, type Scenario } from '../support/scenario.js';
import { bookingWorld, lesson, submit, type BookingWorld } from '../flows/booking/helpers.js';

describe('cleanText', () => {
  it('composes to NFC, drops NUL and other control characters, keeps TAB and LF', () => {
    expect(cleanText('Ma\u0301rk')).toBe('Márk');
    expect(cleanText('dan\u0000sk')).toBe('dansk');
    expect(cleanText('a\u0007b\u001Bc\u007Fd\u0085e')).toBe('abcde');
    expect(cleanText('første linje\r\nanden\tlinje\rtredje')).toBe('første linje\nanden\tlinje\ntredje');
    expect(cleanText('  mellemrum  ')).toBe('  mellemrum  ');
  });

  it('turns text with nothing visible into "" and leaves visible text with zero-width characters alone', () => {
    for (const invisible of ['\u200B', '\u200B\u200C\u200D', ' \uFEFF\u2060 ', '\u00AD', '\u3164', '\u2800', '\u0000\u200B']) expect(cleanText(invisible)).toBe('');
    expect(cleanText('👩\u200D🏫')).toBe('👩\u200D🏫');
    expect(cleanLine('  Anne\n\tSørensen \u0000')).toBe('Anne Sørensen');
  });

  it('names the first control character of a file value', () => {
    expect(controlCharacterIn('Anne\u0000')).toBe('U+0000');
    expect(controlCharacterIn('a\u001Fb')).toBe('U+001F');
    expect(controlCharacterIn('to\tlinjer\r\n')).toBeUndefined();
  });
});

describe('the dispatcher cleans every value before a flow sees it', () => {
  let s: Scenario;
  afterEach(() => s?.cleanup());

  it('command text, action values, form values and private values', async () => {
    const seen: { command?: CommandEvent; action?: ActionEvent; form?: FormSubmission } = {};
    s = await createScenario({
      flows: [
        () => ({
          name: 'probe',
          commands: { lessons: async (ev) => void (seen.command = ev) },
          actions: { 'probe.click': async (ev) => void (seen.action = ev) },
          forms: { 'probe.form': async (sub) => ((seen.form = sub), { ok: true }) },
        }),
      ],
    });
    const actor = await s.person({ name: 'Karen Koordinator', roles: [['coordinator', 'Holsted Skole']] });
    const ix = s.chat.interaction(actor);
    await s.runtime.dispatcher.command(actor, 'ringetider\u0000 Holsted\u0007 Skole 08:00', ix);
    expect(seen.command?.args).toBe('Holsted Skole 08:00');
    await s.runtime.dispatcher.action({ actor, actionId: 'probe.click', value: 'slot\u0000-1' }, ix);
    expect(seen.action?.value).toBe('slot-1');
    await s.runtime.dispatcher.submit(
      { actor, formId: 'probe.form', values: { subject: 'dan\u0000sk', answer: 'linje 1\r\nlinje 2', room: '\u200B\u200B' }, privateValue: 'id\u0000' },
      ix,
    );
    expect(seen.form?.values).toEqual({ subject: 'dansk', answer: 'linje 1\nlinje 2', room: '' });
    expect(seen.form?.privateValue).toBe('id');
  });
});

const providers = (['sqlite', 'postgresql'] as const).filter((p) => p === 'sqlite' || TEST_POSTGRES_URL);

describe.each(providers)('an offer with invisible trouble on %s', (provider) => {
  let w: BookingWorld;
  afterEach(() => w?.s.cleanup());

  it('stores the subject without the NUL byte, and answers like any saved offer', async () => {
    w = await bookingWorld('2026-10-20T08:00:00Z', {}, provider);
    const { result } = await submit(w.s, w.teacher, 'booking.offer', lesson({ subject: 'dan\u0000sk', focus: 'overgange\u0000\nog ro' }));
    expect(result).toEqual({ ok: true });
    const slot = await w.s.runtime.db.slot.findFirstOrThrow();
    expect(slot.subject).toBe('dansk');
    expect(slot.focus).toBe('overgange\nog ro');
  });

  it('refuses a subject of zero-width spaces as missing, next to the field, and stores nothing', async () => {
    w = await bookingWorld('2026-10-20T08:00:00Z', {}, provider);
    const { result } = await submit(w.s, w.teacher, 'booking.offer', lesson({ subject: '\u200B\u200B\u0000' }));
    expect(result).toEqual({ ok: false, errors: { subject: 'Skal udfyldes.' } });
    expect(await w.s.runtime.db.slot.count()).toBe(0);
  });
});
