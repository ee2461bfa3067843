// Neutral Form ⇄ an Adaptive Card with inputs. The submit button is an Action.Execute whose verb is
// the form id; input ids are "field.<id>", so values map back without a lookup table. The card also
// carries the form itself (when it fits), so a rejected submission is shown again with the errors
// next to the fields — without any server-side state. That copy is never trusted: it only decides
// how the card looks to the person who sent it.
import type { Locale } from '../../../core/i18n/catalogue.js';
import type { Block, Form, FormField } from '../../../core/messages.js';
import { teamsTexts } from '../texts.js';
import { blockElements, bytesOf, CARD_BUDGET_BYTES, emptyCard, SUBMIT_VERB_KEY, textBlock, type AdaptiveCard, type CardAction, type CardElement } from './card.js';
import { truncate } from '../../../core/i18n/text.js';
import { escapeMarkdown } from './markdown.js';

export const FORM_KEY = 'sparring.form';
export const FORM_CANCEL_VERB = 'sparring.form.cancel';
export const FIELD_PREFIX = 'field.';

/** What the card carries about its form: enough to draw it again. */
interface FormSpec {
  id: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  privateValue?: string;
  intro?: Block[];
  fields?: FormField[];
}

export interface RenderFormOptions {
  /** Values to show (a rejected submission's), keyed by field id. */
  values?: Record<string, string>;
  errors?: Record<string, string>;
  budget?: number;
}

function input(f: FormField, locale: Locale, value: string | undefined): CardElement {
  const base = {
    id: `${FIELD_PREFIX}${f.id}`,
    label: truncate(f.label, 200),
    ...(f.required ? { isRequired: true, errorMessage: teamsTexts.plain(locale, 'fieldRequired', { label: f.label }) } : {}),
    ...(f.placeholder ? { placeholder: truncate(f.placeholder, 200) } : {}),
  };
  const v = value !== undefined && value !== '' ? { value } : {};
  switch (f.type) {
    case 'text':
    case 'textarea':
      return { type: 'Input.Text', ...base, ...(f.type === 'textarea' ? { isMultiline: true } : {}), ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...v };
    case 'date':
      return { type: 'Input.Date', ...base, ...(value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? { value } : {}) };
    case 'time':
      return { type: 'Input.Time', ...base, ...(value && /^\d{2}:\d{2}$/.test(value) ? { value } : {}) };
    case 'number': {
      const n = value !== undefined && value.trim() !== '' ? Number(value) : NaN;
      return {
        type: 'Input.Number',
        ...base,
        ...(f.min !== undefined ? { min: f.min } : {}),
        ...(f.max !== undefined ? { max: f.max } : {}),
        ...(Number.isFinite(n) ? { value: n } : {}),
      };
    }
    case 'select': {
      const choices = (f.options ?? []).map((o) => ({ title: truncate(o.label, 200), value: o.value }));
      // A choice set needs at least one choice; an empty list is a flow bug, not a crash.
      if (choices.length === 0) return { type: 'Input.Text', ...base, ...v };
      return { type: 'Input.ChoiceSet', ...base, choices, ...(choices.some((c) => c.value === value) ? { value } : {}) };
    }
  }
}

function formBody(form: Form, locale: Locale, opts: RenderFormOptions, withIntro: boolean): CardElement[] {
  const errors = opts.errors ?? {};
  const body: CardElement[] = [textBlock(escapeMarkdown(truncate(form.title, 500)), { size: 'Medium', weight: 'Bolder', style: 'heading' })];
  if (withIntro) for (const b of form.intro ?? []) body.push(...blockElements(b));
  if (Object.keys(errors).length > 0) body.push(textBlock(escapeMarkdown(teamsTexts.plain(locale, 'formFixErrors')), { color: 'Attention' }));
  for (const f of form.fields) {
    body.push(input(f, locale, opts.values?.[f.id] ?? f.initial));
    if (f.hint) body.push(textBlock(escapeMarkdown(truncate(f.hint, 1000)), { isSubtle: true, size: 'Small', spacing: 'None' }));
    const error = errors[f.id];
    if (error) body.push(textBlock(escapeMarkdown(truncate(error, 1000)), { color: 'Attention', spacing: 'None' }));
  }
  // Errors for ids that are not fields (a flow's "whole form" error) still need to be seen.
  for (const [id, error] of Object.entries(errors)) {
    if (!form.fields.some((f) => f.id === id)) body.push(textBlock(escapeMarkdown(truncate(error, 1000)), { color: 'Attention' }));
  }
  return body;
}

function formActions(form: Form, spec: FormSpec): CardAction[] {
  const submitData = { [FORM_KEY]: spec };
  const cancelData = { [FORM_KEY]: { id: form.id, title: form.title } };
  const submitTitle = truncate(form.submitLabel, 100);
  const cancelTitle = truncate(form.cancelLabel, 100);
  return [
    {
      type: 'Action.Execute',
      title: submitTitle,
      verb: form.id,
      style: 'positive',
      associatedInputs: 'auto',
      data: submitData,
      fallback: { type: 'Action.Submit', title: submitTitle, associatedInputs: 'auto', data: { ...submitData, [SUBMIT_VERB_KEY]: form.id } },
    },
    {
      type: 'Action.Execute',
      title: cancelTitle,
      verb: FORM_CANCEL_VERB,
      associatedInputs: 'none',
      data: cancelData,
      fallback: { type: 'Action.Submit', title: cancelTitle, associatedInputs: 'none', data: { ...cancelData, [SUBMIT_VERB_KEY]: FORM_CANCEL_VERB } },
    },
  ];
}

/** Shortens select lists, longest first, keeping the chosen option. */
function shrinkOptions(form: Form, values: Record<string, string> | undefined): Form | null {
  const selects = form.fields.filter((f) => f.type === 'select' && (f.options?.length ?? 0) > 1);
  const longest = selects.sort((a, b) => (b.options?.length ?? 0) - (a.options?.length ?? 0))[0];
  if (!longest) return null;
  const chosen = values?.[longest.id] ?? longest.initial;
  const options = longest.options ?? [];
  const half = options.slice(0, Math.ceil(options.length / 2));
  const keep = chosen && !half.some((o) => o.value === chosen) ? [...half.slice(0, -1), ...options.filter((o) => o.value === chosen)] : half;
  return { ...form, fields: form.fields.map((f) => (f === longest ? { ...f, options: keep } : f)) };
}

/**
 * The form as a card under the budget. In order, until it fits: drop the copy of the form kept for
 * re-rendering, drop the intro, shorten select lists.
 */
export function renderFormCard(form: Form, locale: Locale, opts: RenderFormOptions = {}): AdaptiveCard {
  const budget = opts.budget ?? CARD_BUDGET_BYTES;
  const full: FormSpec = {
    id: form.id,
    title: form.title,
    submitLabel: form.submitLabel,
    cancelLabel: form.cancelLabel,
    ...(form.privateValue !== undefined ? { privateValue: form.privateValue } : {}),
    ...(form.intro?.length ? { intro: form.intro } : {}),
    fields: form.fields,
  };
  const bare: FormSpec = { id: form.id, title: form.title, submitLabel: form.submitLabel, cancelLabel: form.cancelLabel, ...(form.privateValue !== undefined ? { privateValue: form.privateValue } : {}) };
  const attempts: [FormSpec, boolean][] = [
    [full, true],
    [{ ...full, intro: undefined }, true],
    [bare, true],
    [bare, false],
  ];
  for (const [spec, withIntro] of attempts) {
    const card = emptyCard(formBody(form, locale, opts, withIntro), formActions(form, spec));
    if (bytesOf(card) <= budget) return card;
  }
  const smaller = shrinkOptions(form, opts.values);
  if (smaller) return renderFormCard(smaller, locale, opts);
  // Nothing left to shorten but the texts themselves: keep the inputs and buttons, say it is shortened.
  const card = emptyCard(
    [textBlock(escapeMarkdown(truncate(form.title, 200)), { weight: 'Bolder' }), ...form.fields.map((f) => input({ ...f, label: truncate(f.label, 60), hint: undefined }, locale, opts.values?.[f.id] ?? f.initial))],
    formActions(form, bare),
  );
  return card;
}

export interface FormSubmissionData {
  formId: string;
  privateValue?: string;
  values: Record<string, string>;
  /** The form as the card described it, when the card carried it. */
  form: Form | null;
}

/** Reads an Action.Execute / Action.Submit payload of a form card. Null when it is not one. */
export function readFormData(verb: string, data: Record<string, unknown>): FormSubmissionData | null {
  const raw = data[FORM_KEY];
  if (!raw || typeof raw !== 'object') return null;
  const spec = raw as Partial<FormSpec>;
  const formId = typeof spec.id === 'string' ? spec.id : verb;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(FIELD_PREFIX) || value === undefined || value === null) continue;
    values[key.slice(FIELD_PREFIX.length)] = typeof value === 'string' ? value : String(value);
  }
  const fields = Array.isArray(spec.fields) ? spec.fields.filter(isField) : [];
  const form =
    fields.length > 0 && typeof spec.title === 'string'
      ? ({
          id: formId,
          title: spec.title,
          submitLabel: String(spec.submitLabel ?? ''),
          cancelLabel: String(spec.cancelLabel ?? ''),
          privateValue: typeof spec.privateValue === 'string' ? spec.privateValue : undefined,
          intro: Array.isArray(spec.intro) ? spec.intro : undefined,
          fields,
        } as Form)
      : null;
  return { formId, privateValue: typeof spec.privateValue === 'string' ? spec.privateValue : undefined, values, form };
}

const FIELD_TYPES = new Set(['text', 'textarea', 'date', 'time', 'select', 'number']);

/** The copy comes from the client: only well-formed fields are drawn again. */
function isField(f: unknown): f is FormField {
  const x = f as Partial<FormField> | null;
  return (
    !!x &&
    typeof x.id === 'string' &&
    typeof x.label === 'string' &&
    typeof x.type === 'string' &&
    FIELD_TYPES.has(x.type) &&
    (x.options === undefined || (Array.isArray(x.options) && x.options.every((o) => o && typeof o.value === 'string' && typeof o.label === 'string')))
  );
}

/** The card a form becomes once it is sent or closed. */
export function closedFormCard(title: string, note: string): AdaptiveCard {
  // An empty TextBlock is not a valid card element: without a title, only the note.
  const heading = title.trim() === '' ? [] : [textBlock(escapeMarkdown(truncate(title, 500)), { weight: 'Bolder' })];
  return emptyCard([...heading, textBlock(escapeMarkdown(note), { isSubtle: true })]);
}

/** The form's title as the card's data carries it ('' when it does not), for the closed card. */
export function formTitleOf(data: Record<string, unknown>): string {
  const title = (data[FORM_KEY] as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' ? title : '';
}
