// Neutral messages and forms as HTML for the local playground. Every text is escaped.
import type { RichText } from '../../core/i18n/text.js';
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

export function formHtml(form: Form, as: string, errors: Record<string, string> = {}): string {
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
<div class="actions"><button class="primary">${escapeHtml(form.submitLabel)}</button><a class="button" href="/?as=${escapeHtml(as)}">${escapeHtml(form.cancelLabel)}</a></div>
</form>`;
}
