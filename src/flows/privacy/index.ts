// The privacy flow: `mine data|my data` gives a person everything Sparring stores about them (GDPR
// art. 15/20). Chat messages carry no files, so — like calendar invitations — the answer is a signed,
// short-lived link to the JSON file (src/bot/personal-data-route.ts); without a public URL it says
// what is stored and who can hand over the file. Only ever the asker's own data.
import type { Flow } from '../../core/flow.js';
import { actions, context, header, simpleMessage, text } from '../../core/messages.js';
import type { ProductFlowFactory } from '../stores.js';
import { DATA_LINK_HOURS, dataUrl } from './link.js';
import { privacyFlowTexts as T } from './texts.js';

export { DATA_LINK_HOURS, personalDataFileFor, type PersonalDataFilesDeps } from './link.js';

export const createPrivacyFlow: ProductFlowFactory = ({ stores, clock, config, secrets }) => {
  const flow: Flow = {
    name: 'privacy',
    commands: {
      data: async (ev, ix) => {
        const now = clock.now();
        const data = await stores.privacy.exportOwn(ev.actor.personId, now);
        if (!data) return ix.respond((l) => simpleMessage(T.for(l)('unknown')));
        const tables = data.people[0]?.tables ?? {};
        const counts = { visits: tables.Slot?.length ?? 0, reflections: tables.Reflection?.length ?? 0 };
        const publicUrl = config.http?.publicUrl;
        await ix.respond((l) => {
          const t = T.for(l);
          const base = [header(T.plain(l, 'title')), text(t('intro')), text(t('counts', counts))];
          if (!publicUrl) return { summary: T.plain(l, 'title'), blocks: [...base, text(t('noLink'))] };
          const url = dataUrl(publicUrl, secrets.links, ev.actor.personId, now);
          return {
            summary: T.plain(l, 'title'),
            blocks: [...base, actions({ actionId: 'privacy.download', label: T.plain(l, 'download'), url, style: 'primary' }), context(t('linkNote', { hours: DATA_LINK_HOURS }))],
          };
        });
      },
    },
  };
  return flow;
};
