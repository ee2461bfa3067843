// Every card shape the Teams renderer produces is validated with Microsoft's adaptivecards SDK and
// stays under Teams' 28 KB — including messages and forms far too big for one card.
import { describe, expect, it } from 'vitest';
import { bold, italic, plain, rich } from '../../../src/core/i18n/text.js';
import { actions, context, divider, fields, header, text, type Form, type Message } from '../../../src/core/messages.js';
import { bytesOf, renderMessageCard, renderMessageCards, TEAMS_ACTIVITY_MAX_BYTES } from '../../../src/bot/teams/render/card.js';
import { closedFormCard, readFormData, renderFormCard } from '../../../src/bot/teams/render/form.js';
import { escapeMarkdown } from '../../../src/bot/teams/render/markdown.js';
import { expectValidCard } from './validate-card.js';

const everyBlock: Message = {
  summary: 'Ny ledig lektion',
  blocks: [
    header('Ny ledig lektion'),
    text(rich(bold('Dansk'), ' i 5.b – ', italic('tirsdag'), '\nanden linje')),
    fields({ label: 'Dato', value: plain('24. november') }, { label: 'Tid', value: bold('08:00–08:45') }),
    divider(),
    context(plain('Data bruges til udvikling, ikke til kontrol.')),
    actions(
      { actionId: 'booking.claim', value: 'slot-1', label: 'Tag den', style: 'primary' },
      { actionId: 'booking.release', value: 'slot-1', label: 'Slip', style: 'danger', confirm: { title: 'Sikker?', text: 'Lektionen bliver ledig igen.', confirm: 'Ja, slip', deny: 'Nej' } },
      { actionId: 'link', label: 'Åbn kalender', url: 'https://example.org/kalender' },
      { actionId: 'booking.noop', label: 'Uden værdi' },
    ),
  ],
};

const everyField: Form = {
  id: 'booking.offer',
  title: 'Tilbyd en lektion',
  submitLabel: 'Send',
  cancelLabel: 'Annullér',
  privateValue: 'slot-9',
  intro: [text(plain('Vælg en lektion, som en læringsagent kan komme og se.'))],
  fields: [
    { id: 'subject', label: 'Fag', type: 'text', required: true, maxLength: 100, placeholder: 'fx dansk' },
    { id: 'focus', label: 'Fokus', type: 'textarea', maxLength: 2000, hint: 'Hvad vil du gerne have feedback på?' },
    { id: 'date', label: 'Dato', type: 'date', required: true, initial: '2026-11-24' },
    { id: 'time', label: 'Tid', type: 'time', initial: '08:00' },
    { id: 'theme', label: 'Tema', type: 'select', options: [{ value: 'kl', label: 'Klasseledelse' }, { value: 'mo', label: 'Målorienteret undervisning' }], initial: 'mo' },
    { id: 'pupils', label: 'Elever', type: 'number', min: 1, max: 40, initial: '24' },
    { id: 'empty', label: 'Tom liste', type: 'select', options: [] },
  ],
};

describe('Teams card renderer', () => {
  it('renders every block type as a valid Adaptive Card 1.5', () => {
    const card = renderMessageCard(everyBlock, 'da');
    expectValidCard(card);
    const json = JSON.stringify(card);
    expect(json).toContain('"verb":"booking.claim"');
    expect(json).toContain('"style":"positive"');
    expect(json).toContain('Action.ShowCard');
    expect(json).toContain('Action.OpenUrl');
    expect(json).toContain('"separator":true');
    // Each line is its own TextBlock: Teams is unreliable with "\n" in card markdown.
    expect(card.body.filter((e) => e.type === 'TextBlock').map((e) => e.text)).toContain('anden linje');
    expect(json).toContain('**Dansk**');
  });

  it('escapes what people type, so it cannot become a link, emphasis or markup', () => {
    const evil = '[klik her](https://evil.example) *fed* _kursiv_ <at>Alle</at> `kode`\n- liste\n# overskrift\n1. nummer';
    const card = renderMessageCard({ summary: 'x', blocks: [text(plain(evil)), fields({ label: '[x](y)', value: plain(evil) })] }, 'da');
    expectValidCard(card);
    const json = JSON.stringify(card);
    expect(json).not.toContain('[klik her](');
    expect(json).not.toMatch(/[^\\]\*fed/);
    expect(json).not.toContain('"<at>');
    expect(escapeMarkdown('- a')).toBe('\\- a');
    expect(escapeMarkdown('1. a')).toBe('1\\. a');
    expect(escapeMarkdown('<at>x</at>')).toBe('\\<at\\>x\\</at\\>');
  });

  it('renders every form field type, with errors and kept values, as valid cards', () => {
    const card = renderFormCard(everyField, 'da');
    expectValidCard(card);
    const withErrors = renderFormCard(everyField, 'en', { values: { subject: 'Matematik', pupils: '12' }, errors: { subject: 'Too long', _form: 'Whole form problem' } });
    expectValidCard(withErrors);
    const json = JSON.stringify(withErrors);
    expect(json).toContain('Too long');
    expect(json).toContain('Whole form problem');
    expect(json).toContain('"value":"Matematik"');
    expect(json).toContain('"value":12');
    expect(json).toContain('"isMultiline":true');
    expect(json).toContain('"type":"Input.Date"');
    expect(json).toContain('"type":"Input.Time"');
    expect(json).toContain('"type":"Input.Number"');
    expect(json).toContain('"type":"Input.ChoiceSet"');
    expect(json).toContain('is required');
    expectValidCard(closedFormCard('Tilbyd en lektion', 'Formularen er lukket.'));
  });

  it('reads a submission back: values by field id, private value, and the form to redraw', () => {
    const card = renderFormCard(everyField, 'da');
    const submit = (card.actions ?? [])[0] as unknown as { verb: string; data: Record<string, unknown> };
    const read = readFormData(submit.verb, { ...submit.data, 'field.subject': 'Dansk', 'field.pupils': 22 });
    expect(read?.formId).toBe('booking.offer');
    expect(read?.privateValue).toBe('slot-9');
    expect(read?.values).toEqual({ subject: 'Dansk', pupils: '22' });
    expect(read?.form?.fields.map((f) => f.id)).toEqual(everyField.fields.map((f) => f.id));
    // A crafted copy with junk fields is drawn without them.
    const junk = readFormData('x', { 'sparring.form': { id: 'x', title: 't', fields: [{ id: 'a', label: 'A', type: 'evil' }, { id: 'b', label: 'B', type: 'text' }] } });
    expect(junk?.form?.fields.map((f) => f.id)).toEqual(['b']);
  });

  it('splits a huge message into several valid cards, and shortens it to one for updates', () => {
    const long = 'Lang refleksion med mange ord. '.repeat(4000); // ≈ 124 KB
    const rows = Array.from({ length: 400 }, (_, i) => ({ label: `Skole ${i}`, value: plain('x'.repeat(200)) }));
    const huge: Message = { summary: 'Ugens overblik', blocks: [header('Ugens overblik'), text(plain(long)), fields(...rows), actions({ actionId: 'digest.ack', label: 'Set' })] };
    const cards = renderMessageCards(huge, 'da');
    expect(cards.length).toBeGreaterThan(3);
    for (const c of cards) {
      expectValidCard(c);
      expect(bytesOf(c)).toBeLessThan(TEAMS_ACTIVITY_MAX_BYTES);
    }
    const one = renderMessageCard(huge, 'da');
    expectValidCard(one);
    expect(bytesOf(one)).toBeLessThan(TEAMS_ACTIVITY_MAX_BYTES);
    expect(JSON.stringify(one)).toContain('digest.ack'); // the buttons survive
    expect(JSON.stringify(one)).toContain('forkortet');
  });

  it('keeps a form with a huge choice list under the limit', () => {
    const options = Array.from({ length: 3000 }, (_, i) => ({ value: `school-${i}`, label: `Skole nummer ${i} i kommunen` }));
    const form: Form = { ...everyField, fields: [{ id: 'school', label: 'Skole', type: 'select', options, initial: 'school-2999', required: true }, ...everyField.fields] };
    const card = renderFormCard(form, 'da');
    expectValidCard(card);
    expect(bytesOf(card)).toBeLessThan(TEAMS_ACTIVITY_MAX_BYTES);
    expect(JSON.stringify(card)).toContain('school-2999'); // the chosen option is kept
    const longText: Form = { ...everyField, intro: [text(plain('x'.repeat(60_000)))] };
    const c2 = renderFormCard(longText, 'da');
    expectValidCard(c2);
    expect(bytesOf(c2)).toBeLessThan(TEAMS_ACTIVITY_MAX_BYTES);
  });
});
