// Modal submissions. The verdict must travel in the ack (`response_action: "errors"` keeps the
// modal open with messages under the fields), so the flow runs before the ack — but against a
// deadline well inside Slack's 3 s: if it is slower, the modal closes and a late verdict with
// errors reaches the person as a private message instead.
import type { App, ViewSubmitAction } from '@slack/bolt';
import { toPlain } from '../../../core/i18n/text.js';
import { text } from '../../../core/messages.js';
import type { FormResult } from '../../../core/flow.js';
import type { SlackDeps } from '../deps.js';
import { interactionDeliveryId } from '../dedupe.js';
import { slackUser } from '../identity.js';
import { createInteraction } from '../interaction.js';
import { formErrors, formValues } from '../render/form.js';
import { slackTexts } from '../texts.js';

/** How long a submission may take before the modal is closed without waiting for the verdict. */
export const SUBMIT_DEADLINE_MS = 2_000;

type Outcome = { result: FormResult; late: (r: FormResult) => Promise<void> } | null;

export function register(app: App, deps: SlackDeps): void {
  app.view({ type: 'view_submission', callback_id: /.*/ }, async ({ ack, body, view }) => {
    const b = body as ViewSubmitAction;
    const teamId = b.team?.id ?? b.user.team_id ?? view.team_id;
    const userId = b.user.id;
    const fieldIds = view.blocks.flatMap((blk) => (blk.type === 'input' && 'block_id' in blk && blk.block_id ? [blk.block_id] : []));

    const work = (async (): Promise<Outcome> => {
      const { runtime } = deps;
      const who = await runtime.inbound.receive({ ...slackUser(deps.client, teamId, userId), deliveryId: interactionDeliveryId('view', b, { id: view.id, hash: view.hash, user: userId }) });
      if (who.kind !== 'person') return null;
      const actor = who.actor;
      const ix = createInteraction(deps, actor, { teamId, userId, triggerId: b.trigger_id, source: { kind: 'modal' } });
      const result = await runtime.dispatcher.submit(
        {
          actor,
          formId: view.callback_id,
          values: formValues(view.state as never),
          ...(view.private_metadata ? { privateValue: view.private_metadata } : {}),
        },
        ix,
      );
      const late = async (r: FormResult) => {
        if (r.ok) return;
        const title = toPlain(view.title.text);
        const errors = Object.values(r.errors).join(' ');
        await ix.respond((l) => ({ summary: slackTexts.plain(l, 'formNotSaved', { form: title, errors }), blocks: [text(slackTexts.for(l)('formNotSaved', { form: title, errors }))] }));
      };
      return { result, late };
    })().catch((err: unknown) => {
      deps.logger.error({ err }, 'Slack form submission failed');
      return null;
    });

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), SUBMIT_DEADLINE_MS);
    });
    const first = await Promise.race([work, deadline]);
    clearTimeout(timer);
    if (first === 'late') {
      await ack();
      const outcome = await work;
      await outcome?.late(outcome.result);
      return;
    }
    if (first && !first.result.ok) {
      await ack({ response_action: 'errors', errors: formErrors(first.result.errors, fieldIds) });
      return;
    }
    await ack();
  });
}
