// Block Kit rendering: Slack's limits are met by splitting or truncating — never by failing — and
// every span a user could have typed is escaped.
import { describe, expect, it } from 'vitest';
import { bold, plain, rich } from '../../../src/core/i18n/text.js';
import { actions, context, divider, fields, header, text, type Button, type Message } from '../../../src/core/messages.js';
import { actionIdOf, renderMessage, renderSingleMessage } from '../../../src/bot/slack/render/blocks.js';
import { formErrors, formValues, renderForm } from '../../../src/bot/slack/render/form.js';
import { renderHome } from '../../../src/bot/slack/render/home.js';
import { escapeMrkdwn, toMrkdwn, toMrkdwnChunks } from '../../../src/bot/slack/render/mrkdwn.js';

const allTexts = (blocks: any[]): string[] =>
  blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)].filter((t) => typeof t === 'string'));

describe('mrkdwn', () => {
  it('escapes the three control characters in every span, emphasised or not', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|y&gt;');
    expect(toMrkdwn(rich(bold('<!here>'), ' skrev ', plain('<!everyone>')))).toBe('*&lt;!here&gt;* skrev &lt;!everyone&gt;');
  });

  it('keeps emphasis markers tight around the words and neutralises markers inside', () => {
    expect(toMrkdwn(bold(' uge 47 '))).toBe(' *uge 47* ');
    expect(toMrkdwn(bold('2*3'))).toBe('*2∗3*');
    expect(toMrkdwn([{ text: 'vigtigt', bold: true, italic: true }])).toBe('*_vigtigt_*');
  });

  it('splits long text into chunks within the limit, never inside an escape', () => {
    const long = `${'<'.repeat(1000)} ${'ord '.repeat(1500)}`;
    const chunks = toMrkdwnChunks(plain(long), 3000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(3000);
      expect(c).not.toMatch(/&(l|lt)?$/);
    }
    expect(chunks.join('').replace(/&lt;/g, '<')).toBe(long);
  });
});

describe('messages', () => {
  it('splits a message with more than 50 blocks into several messages', () => {
    const m: Message = { summary: 'Mange', blocks: Array.from({ length: 120 }, (_, i) => text(plain(`Linje ${i}`))) };
    const parts = renderMessage(m);
    expect(parts.map((p) => p.blocks.length)).toEqual([50, 50, 20]);
    expect(renderSingleMessage(m).blocks).toHaveLength(50);
  });

  it('truncates headers, button labels and field texts; splits long sections and many fields', () => {
    const m: Message = {
      summary: '<!channel> opsummering',
      blocks: [
        header('H'.repeat(200)),
        text(plain('x'.repeat(7000))),
        fields(...Array.from({ length: 13 }, (_, i) => ({ label: `Felt ${i}`, value: plain('v'.repeat(2500)) }))),
        actions({ actionId: 'a.b', label: 'L'.repeat(100), value: 'v' }),
        context(plain('lille')),
        divider(),
      ],
    };
    const [{ text: summary, blocks }] = renderMessage(m) as unknown as [{ text: string; blocks: any[] }];
    expect(summary).toBe('&lt;!channel&gt; opsummering');
    expect(blocks[0].text.text).toHaveLength(150);
    const sections = blocks.filter((b) => b.type === 'section' && b.text);
    expect(sections).toHaveLength(3);
    const fieldSections = blocks.filter((b) => b.type === 'section' && b.fields);
    expect(fieldSections.map((b) => b.fields.length)).toEqual([10, 3]);
    for (const t of allTexts(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    for (const f of fieldSections.flatMap((b) => b.fields)) expect(f.text.length).toBeLessThanOrEqual(2000);
    const button = blocks.find((b) => b.type === 'actions').elements[0];
    expect(button.text.text).toHaveLength(75);
  });

  it('gives repeated action ids a suffix Slack accepts, and maps them back', () => {
    const claim = (slot: string): Button => ({ actionId: 'booking.claim', value: slot, label: 'Tag' });
    const [{ blocks }] = renderMessage({ summary: 's', blocks: [actions(claim('1'), claim('2')), actions(claim('3'), { actionId: 'x', label: 'Link', url: 'https://sparring.kommune.dk' })] }) as unknown as [{ blocks: any[] }];
    const ids = blocks.flatMap((b) => b.elements.map((e: any) => e.action_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3).map(actionIdOf)).toEqual(['booking.claim', 'booking.claim', 'booking.claim']);
    expect(ids[3]).toMatch(/^link:/);
  });

  it('splits more than 25 buttons over several actions blocks', () => {
    const many = Array.from({ length: 30 }, (_, i): Button => ({ actionId: `a${i}`, label: `${i}` }));
    const [{ blocks }] = renderMessage({ summary: 's', blocks: [actions(...many)] }) as unknown as [{ blocks: any[] }];
    expect(blocks.map((b) => b.elements.length)).toEqual([25, 5]);
  });
});

describe('forms', () => {
  const form = {
    id: 'booking.offer',
    title: 'Tilbyd en lektion til feedback', // longer than Slack's 24
    submitLabel: 'Tilbyd',
    cancelLabel: 'Annullér',
    privateValue: 'x'.repeat(4000),
    fields: [
      { id: 'date', label: 'Dato', type: 'date' as const, required: true, initial: '2026-12-01' },
      { id: 'n', label: 'Antal', type: 'number' as const, min: 1, max: 5 },
      { id: 'class', label: 'Klasse', type: 'text' as const, maxLength: 20, placeholder: 'fx 3.b' },
    ],
  };

  it('renders a modal within Slack limits', () => {
    const view = renderForm(form) as any;
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.private_metadata).toHaveLength(3000);
    expect(view.blocks[0]).toMatchObject({ type: 'input', block_id: 'date', optional: false, element: { type: 'datepicker', action_id: 'date', initial_date: '2026-12-01' } });
    expect(view.blocks[1].element).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: '5' });
    expect(view.blocks[2]).toMatchObject({ optional: true, element: { type: 'plain_text_input', max_length: 20, placeholder: { text: 'fx 3.b' } } });
  });

  it('reads submitted values of every element type and maps errors onto fields', () => {
    const values = formValues({
      values: {
        date: { date: { type: 'datepicker', selected_date: '2026-12-01' } },
        time: { time: { type: 'timepicker', selected_time: '08:15' } },
        theme: { theme: { type: 'static_select', selected_option: { value: 'klasseledelse' } } },
        n: { n: { type: 'number_input', value: '3' } },
        note: { note: { type: 'plain_text_input', value: null } },
      },
    });
    expect(values).toEqual({ date: '2026-12-01', time: '08:15', theme: 'klasseledelse', n: '3', note: '' });
    expect(formErrors({ date: 'Vælg en dato.', other: 'Noget andet.' }, ['date', 'n'])).toEqual({ date: 'Vælg en dato. Noget andet.' });
  });
});

describe('App Home', () => {
  it('caps the home view at 100 blocks', () => {
    const home = renderHome({ summary: 'Sparring', blocks: Array.from({ length: 150 }, () => divider()) });
    expect(home.type).toBe('home');
    expect(home.blocks).toHaveLength(100);
  });
});
