// Neutral Form ⇄ Slack modal. Each field is an input block whose block_id and action_id are the
// field id, so submitted values and field errors map back without any lookup table.
import type { types } from '@slack/bolt';
import type { Form, FormField } from '../../../core/messages.js';
import { fitBlocks, LIMITS, renderBlocks, type SlackBlock } from './blocks.js';
import { truncate } from '../../../core/i18n/text.js';

const TITLE_MAX = 24;
const METADATA_MAX = 3000;

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text || '…', max), emoji: true };
}

function element(f: FormField): types.InputBlockElement {
  const placeholder = f.placeholder ? { placeholder: plain(f.placeholder, 150) } : {};
  switch (f.type) {
    case 'text':
    case 'textarea':
      return {
        type: 'plain_text_input',
        action_id: f.id,
        multiline: f.type === 'textarea',
        ...(f.maxLength ? { max_length: Math.min(f.maxLength, 3000) } : {}),
        ...(f.initial ? { initial_value: f.initial } : {}),
        ...placeholder,
      };
    case 'date':
      return { type: 'datepicker', action_id: f.id, ...(f.initial ? { initial_date: f.initial } : {}), ...placeholder };
    case 'time':
      return { type: 'timepicker', action_id: f.id, ...(f.initial ? { initial_time: f.initial } : {}), ...placeholder };
    case 'number':
      return {
        type: 'number_input',
        action_id: f.id,
        is_decimal_allowed: false,
        ...(f.min !== undefined ? { min_value: String(f.min) } : {}),
        ...(f.max !== undefined ? { max_value: String(f.max) } : {}),
        ...(f.initial ? { initial_value: f.initial } : {}),
        ...placeholder,
      };
    case 'select': {
      const options = (f.options ?? []).slice(0, 100).map((o) => ({ text: plain(o.label, 75), value: o.value.slice(0, 150) }));
      const initial = options.find((o) => o.value === f.initial);
      // A static select needs at least one option; an empty list is a flow bug, not a crash.
      if (options.length === 0) return { type: 'plain_text_input', action_id: f.id, ...placeholder };
      return { type: 'static_select', action_id: f.id, options, ...(initial ? { initial_option: initial } : {}), ...placeholder };
    }
  }
}

function input(f: FormField): SlackBlock {
  return {
    type: 'input',
    block_id: f.id,
    label: plain(f.label, 2000),
    optional: !f.required,
    element: element(f),
    ...(f.hint ? { hint: plain(f.hint, 2000) } : {}),
  };
}

export function renderForm(form: Form): types.ModalView {
  const blocks = [...renderBlocks(form.intro ?? []), ...form.fields.map(input)];
  return {
    type: 'modal',
    callback_id: form.id.slice(0, 255),
    title: plain(form.title, TITLE_MAX),
    submit: plain(form.submitLabel, TITLE_MAX),
    close: plain(form.cancelLabel, TITLE_MAX),
    // Echoed back on submit; the flow re-checks whatever it holds.
    private_metadata: (form.privateValue ?? '').slice(0, METADATA_MAX),
    blocks: fitBlocks(blocks, LIMITS.surfaceBlocks),
  };
}

type StateValue = { type?: string; value?: string | null; selected_date?: string | null; selected_time?: string | null; selected_option?: { value?: string } | null };

/** Submitted values by field id, as strings ("" when left empty). */
export function formValues(state: { values: Record<string, Record<string, StateValue>> } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state?.values ?? {})) {
    for (const v of Object.values(actions)) {
      const value = v.value ?? v.selected_date ?? v.selected_time ?? v.selected_option?.value ?? '';
      out[blockId] = typeof value === 'string' ? value : String(value);
    }
  }
  return out;
}

/** A flow's field errors as Slack's `response_action: "errors"`: keys must be input block ids. */
export function formErrors(errors: Record<string, string>, fieldIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const fallback = fieldIds[0];
  for (const [key, message] of Object.entries(errors)) {
    const id = fieldIds.includes(key) ? key : fallback;
    if (!id) continue;
    out[id] = truncate(out[id] ? `${out[id]} ${message}` : message, 2000);
  }
  return out;
}
