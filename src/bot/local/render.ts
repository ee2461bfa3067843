// Neutral messages and forms as HTML for the local playground. Every text is escaped.
import type { RichText } from '../../core/i18n/text.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { Block, Form, Message } from '../../core/messages.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function richHtml(t: RichText): string {
  return t
    .map((s) => {
      let h = escapeHtml(s.text).replace(/\n/g, '<br>');
      if (s.bold) h = `<strong>${h}</strong>`;
      if (s.italic) h = `<em>${h}</em>`;
      return h;
    })
    .join('');
}

function blockHtml(b: Block, hidden: Record<string, string>): string {
  switch (b.type) {
    case 'header':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'text':
      return `<p>${richHtml(b.text)}</p>`;
    case 'context':
      return `<p class="context">${richHtml(b.text)}</p>`;
    case 'divider':
      return '<hr>';
    case 'image':
      return `<figure><img src="data:image/png;base64,${escapeHtml(b.pngBase64)}" alt="${escapeHtml(b.alt)}"></figure>`;
    case 'fields':
      return `<dl>${b.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${richHtml(f.value)}</dd>`).join('')}</dl>`;
    case 'actions':
      return `<div class="actions">${b.buttons
        .map((btn) => {
          if (btn.url) return `<a class="button" href="${escapeHtml(btn.url)}">${escapeHtml(btn.label)}</a>`;
          const confirm = btn.confirm ? ` onsubmit="return confirm(${escapeHtml(JSON.stringify(btn.confirm.text))})"` : '';
          const inputs = Object.entries({ ...hidden, actionId: btn.actionId, value: btn.value ?? '' })
            .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
            .join('');
          return `<form method="post" action="/playground/action"${confirm}>${inputs}<button class="${btn.style ?? ''}">${escapeHtml(btn.label)}</button></form>`;
        })
        .join('')}</div>`;
  }
}

export function messageHtml(m: Message, hidden: Record<string, string>): string {
  return m.blocks.map((b) => blockHtml(b, hidden)).join('\n');
}

/** "2026-10-26" → "26.10.2026": dates in forms are shown (and may be typed) the Danish way. */
export function danishDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** "26.10.2026", "26/10/2026" or "26-10-2026" → "2026-10-26"; anything else is left for the flow to refuse. */
export function isoDate(typed: string): string {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(typed);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : typed;
}

export function formHtml(form: Form, as: string, errors: Record<string, string> = {}, locale: Locale = 'da'): string {
  const fields = form.fields
    .map((f) => {
      const id = `f-${escapeHtml(f.id)}`;
      const common = `id="${id}" name="field.${escapeHtml(f.id)}"${f.required ? ' required' : ''}`;
      const initial = escapeHtml(f.initial ?? '');
      let input: string;
      switch (f.type) {
        case 'textarea':
          input = `<textarea ${common}${f.maxLength ? ` maxlength="${f.maxLength}"` : ''} placeholder="${escapeHtml(f.placeholder ?? '')}">${initial}</textarea>`;
          break;
        case 'select':
          input = `<select ${common}><option value=""></option>${(f.options ?? [])
            .map((o) => `<option value="${escapeHtml(o.value)}"${o.value === f.initial ? ' selected' : ''}>${escapeHtml(o.label)}</option>`)
            .join('')}</select>`;
          break;
        case 'date':
          // A text field, not the browser's date picker (which shows the browser's own format).
          input = `<input type="text" inputmode="numeric" autocomplete="off" ${common} value="${escapeHtml(danishDate(f.initial ?? ''))}" placeholder="${locale === 'da' ? 'dd.mm.åååå' : 'dd.mm.yyyy'}">`;
          break;
        default:
          input = `<input type="${f.type}" ${common} value="${initial}"${f.maxLength ? ` maxlength="${f.maxLength}"` : ''}${f.min !== undefined ? ` min="${f.min}"` : ''}${f.max !== undefined ? ` max="${f.max}"` : ''} placeholder="${escapeHtml(f.placeholder ?? '')}">`;
      }
      const error = errors[f.id] ? `<span class="error">${escapeHtml(errors[f.id]!)}</span>` : '';
      const hint = f.hint ? `<small>${escapeHtml(f.hint)}</small>` : '';
      return `<label for="${id}">${escapeHtml(f.label)}</label>${input}${hint}${error}`;
    })
    .join('\n');
  return `<form class="card form" method="post" action="/playground/submit">
<h3>${escapeHtml(form.title)}</h3>
${(form.intro ?? []).map((b) => blockHtml(b, { as })).join('')}
<input type="hidden" name="as" value="${escapeHtml(as)}">
<input type="hidden" name="formId" value="${escapeHtml(form.id)}">
<input type="hidden" name="privateValue" value="${escapeHtml(form.privateValue ?? '')}">
${fields}
<div class="actions"><button class="primary">${escapeHtml(form.submitLabel)}</button><button formaction="/playground/cancel" formnovalidate>${escapeHtml(form.cancelLabel)}</button></div>
</form>`;
}
