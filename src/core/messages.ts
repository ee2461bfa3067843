// The neutral message model. Flows build these; each adapter renders them for its platform
// (Block Kit for Slack, Adaptive Cards 1.5 for Teams, HTML for the playground). Renderers respect
// their platform's limits by truncating or splitting — never by failing.
import { toPlain, type RichText } from './i18n/text.js';

export interface Button {
  /** Routed to the flow that owns it, e.g. "booking.claim". */
  actionId: string;
  /** Opaque to the platform; never trusted by the flow (it re-checks from the database). */
  value?: string;
  label: string;
  style?: 'primary' | 'danger';
  /** Ask "are you sure?" before the action is sent. */
  confirm?: { title: string; text: string; confirm: string; deny: string };
  /** A link button (opens a URL instead of sending an action). */
  url?: string;
}

export interface Field {
  label: string;
  value: RichText;
}

export type Block =
  | { type: 'header'; text: string }
  | { type: 'text'; text: RichText }
  | { type: 'fields'; fields: Field[] }
  | { type: 'context'; text: RichText }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'divider' }
  | ImageBlock;

/**
 * A picture (a chart). The PNG travels base64-encoded, so a queued message stays plain JSON; `alt`
 * is the text alternative for screen readers and for clients that show no images.
 */
export interface ImageBlock {
  type: 'image';
  pngBase64: string;
  alt: string;
  title?: string;
}

export interface Message {
  /** Short plain summary: notification text and fallback for clients that show no blocks. */
  summary: string;
  blocks: Block[];
}

export type FormFieldType = 'text' | 'textarea' | 'date' | 'time' | 'select' | 'number';

export interface FormField {
  id: string;
  label: string;
  type: FormFieldType;
  required?: boolean;
  /** For text/textarea: maximum length the platform enforces; the flow re-checks. */
  maxLength?: number;
  placeholder?: string;
  hint?: string;
  /** Initial value: "YYYY-MM-DD" for dates, "HH:MM" for times, an option value for selects. */
  initial?: string;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
}

export interface Form {
  /** Routed like an action id when submitted, e.g. "booking.offer". */
  id: string;
  title: string;
  submitLabel: string;
  cancelLabel: string;
  /** Opaque context echoed back on submit (e.g. a slot id when moving a lesson). Never trusted. */
  privateValue?: string;
  intro?: Block[];
  fields: FormField[];
}

/** Builds a message in the recipient's locale. The chat port calls it once per recipient. */
export type MessageBuilder = (locale: import('./i18n/catalogue.js').Locale) => Message;
export type FormBuilder = (locale: import('./i18n/catalogue.js').Locale) => Form;

// Small constructors keep flow code readable.
export const header = (text: string): Block => ({ type: 'header', text });
export const text = (t: RichText): Block => ({ type: 'text', text: t });
export const fields = (...f: Field[]): Block => ({ type: 'fields', fields: f });
export const context = (t: RichText): Block => ({ type: 'context', text: t });
export const actions = (...buttons: Button[]): Block => ({ type: 'actions', buttons });
export const divider = (): Block => ({ type: 'divider' });
export const image = (png: Uint8Array, alt: string, title?: string): ImageBlock => ({ type: 'image', pngBase64: Buffer.from(png).toString('base64'), alt, ...(title ? { title } : {}) });

/** A one-paragraph message (plus optional blocks such as buttons): the common private answer. */
export function simpleMessage(t: RichText, extra: Block[] = []): Message {
  return { summary: toPlain(t), blocks: [text(t), ...extra] };
}
