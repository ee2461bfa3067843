// The playground's one page: who you are, the time bar, an open form, the command box, your own
// messages, your home, and the channels you would be a member of — in the page's language.
import type { LoggedMessage } from '../../core/chat-log.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { Form, Message } from '../../core/messages.js';
import { roleName } from '../../core/texts.js';
import { escapeHtml, formHtml, messageHtml } from './render.js';
import { playgroundTexts as texts } from './texts.js';
import type { VisibleChannel } from './visibility.js';

type Key = Parameters<typeof texts.plain>[1];

export interface PageView {
  locale: Locale;
  people: { id: string; name: string; roles: { role: Parameters<typeof roleName>[0]; school: string }[] }[];
  /** The person acting, when one is chosen. */
  as: string | null;
  /** Above everything: notices and the time bar. */
  top: string;
  /** Offered on an empty database (playground alone). */
  demo: boolean;
  form?: { form: Form; errors: Record<string, string> };
  inbox: LoggedMessage[];
  home?: Message;
  channels: (VisibleChannel & { messages: LoggedMessage[] })[];
}

/** A small speech bubble, so the tab is recognisable (no request for /favicon.ico). */
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Cpath fill='%232b6a4f' d='M4 4h24a2 2 0 0 1 2 2v15a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'/%3E%3C/svg%3E";

export function pageHtml(v: PageView): string {
  const l = v.locale;
  const t = (k: Key) => escapeHtml(texts.plain(l, k));
  const options = v.people
    .map((p) => `<option value="${escapeHtml(p.id)}"${v.as === p.id ? ' selected' : ''}>${escapeHtml(p.name)} – ${escapeHtml(p.roles.map((r) => `${roleName(r.role, l)}, ${r.school}`).join('; '))}</option>`)
    .join('');
  const languages = (['da', 'en'] as const)
    .map((x) => (x === l ? `<strong>${x === 'da' ? 'Dansk' : 'English'}</strong>` : `<a href="/?${v.as ? `as=${encodeURIComponent(v.as)}&amp;` : ''}lang=${x}" hreflang="${x}">${x === 'da' ? 'Dansk' : 'English'}</a>`))
    .join(' · ');
  const card = (m: LoggedMessage, as: string) =>
    `<div class="card${m.address.startsWith('ephemeral:') ? ' private' : ''}">${m.address.startsWith('ephemeral:') ? `<small>${t('private')}</small>` : ''}${messageHtml(m.content[l], { as, source: m.id })}</div>`;

  let body = '';
  if (v.people.length === 0) {
    const demo = v.demo ? `<form method="post" action="/playground/demo"><button class="primary">${t('loadDemo')}</button> <small>${t('loadDemoHint')}</small></form>` : '';
    body = `<p>${t('noPeople')}</p>${demo}`;
  } else if (v.as) {
    const as = escapeHtml(v.as);
    const channels = v.channels
      .map((c) => {
        // Anyone in a channel can write in it, as on Slack and Teams (that is how `forbind` is used).
        const box = `<form class="command" method="post" action="/playground/command"><input type="hidden" name="as" value="${as}"><input type="hidden" name="channel" value="${escapeHtml(c.channelId)}">
<input name="text" placeholder="${t('channelCommand')}" aria-label="${t('channelCommand')} (${escapeHtml(c.schoolName)} · ${t(c.purpose)})"><button>${t('send')}</button></form>`;
        const posts = c.messages.length ? c.messages.map((m) => card(m, v.as!)).join('') : `<p class="context">${t('empty')}</p>`;
        return `<section class="channel" data-purpose="${c.purpose}"><h3># ${escapeHtml(c.schoolName)} · ${t(c.purpose)}</h3>${box}${posts}</section>`;
      })
      .join('');
    body = `${v.form ? formHtml(v.form.form, v.as, v.form.errors, l) : ''}
<form class="command" method="post" action="/playground/command"><input type="hidden" name="as" value="${as}">
<input name="text" autofocus placeholder="${t('command')}" aria-label="${t('command')}"><button class="primary">${t('send')}</button></form>
<div class="columns"><section><h2>${t('inbox')}</h2>${v.inbox.length ? v.inbox.map((m) => card(m, v.as!)).join('') : `<p>${t('empty')}</p>`}</section>
<section><h2>${t('home')}</h2>${v.home ? `<div class="card">${messageHtml(v.home, { as: v.as })}</div>` : ''}${channels ? `<h2>${t('channels')}</h2>${channels}` : ''}
<form method="post" action="/playground/run-jobs"><input type="hidden" name="as" value="${as}"><button>${t('runJobs')}</button></form></section></div>`;
  }
  return `<!doctype html><html lang="${l}"><head><meta charset="utf-8"><title>${t('title')}</title><meta name="viewport" content="width=device-width">
<link rel="icon" href="${FAVICON}">
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:72rem;color:#1d1d1f}header form{display:inline}header .lang{float:right}.columns{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
.card{border:1px solid #ddd;border-radius:8px;padding:.5rem 1rem;margin:.5rem 0;background:#fff}.private{background:#f6f6fa}.context{color:#666;font-size:.9em}
.actions{display:flex;gap:.5rem;flex-wrap:wrap}.actions form{display:inline}button,.button{padding:.35rem .8rem;border-radius:6px;border:1px solid #999;background:#fafafa;cursor:pointer;text-decoration:none;color:inherit;font:inherit}
button.primary{background:#2b6a4f;color:#fff;border-color:#2b6a4f}button.danger{background:#b3261e;color:#fff;border-color:#b3261e}button:disabled{opacity:.5;cursor:default}.command{display:flex;gap:.5rem;margin:1rem 0}.command input{flex:1;padding:.4rem}
.form label{display:block;margin-top:.6rem;font-weight:600}.form input,.form textarea,.form select{width:100%;padding:.3rem}.error{color:#b3261e}dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem}dt{font-weight:600}
.notice{background:#e8f3ec}.time p{margin:.3rem 0}.quiet{background:#fff6d6;padding:.4rem .6rem;border-radius:6px}.channel{border-left:3px solid #ccd;padding-left:.8rem;margin:1rem 0}</style></head>
<body><header><span class="lang">${languages}</span><h1>${t('title')}</h1><form method="get" action="/"><label>${t('actAs')} <select name="as" onchange="this.form.submit()"><option value="">${t('choose')}</option>${options}</select></label><noscript><button>OK</button></noscript></form></header>
${v.top}${body}</body></html>`;
}
