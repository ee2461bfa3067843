// Sends one queued message (a "chat.deliver" job, see outbox.ts) through the chat router. The job
// engine owns the retries: a transient failure (rate limit, 5xx, timeout) throws and the job is
// tried again later, no sooner than the platform's Retry-After; a permanent one (person gone,
// channel archived) ends it — after the flow's fallback, if it asked for one.
import type { ChatRouter } from './chat-router.js';
import { PermanentDeliveryError, type DeliveryAttempt, type SentRef } from './chat.js';
import type { MessageRenderer } from './flow.js';
import type { JobHandler, JobScheduler } from './jobs/types.js';
import type { Logger } from './logger.js';
import type { CopyStore, DeliveryPayload } from './outbox.js';

export interface DeliveryDeps {
  router: ChatRouter;
  /** The flows' renderers for messages queued as `{ render, params }`. */
  renderers: ReadonlyMap<string, MessageRenderer>;
  copies: CopyStore;
  jobs: JobScheduler;
  logger: Logger;
}

export function deliveryHandler(d: DeliveryDeps): JobHandler {
  return async (p: DeliveryPayload, ctx) => {
    if (p.notAfter && ctx.now.getTime() > new Date(p.notAfter).getTime()) {
      // Held back (quiet hours, an outage) until it no longer makes sense, e.g. a reminder after the lesson.
      d.logger.info({ key: ctx.idempotencyKey }, 'message dropped: too late to be useful');
      return;
    }
    const message = p.message ?? (p.render ? await render(d, p.render, p.locale) : null);
    if (!message) return; // the flow's renderer says it is no longer worth sending
    const build = () => message;
    const attempt: DeliveryAttempt = { id: ctx.jobId, attempt: ctx.attempt, ...(ctx.unfinishedAttemptSince ? { unfinishedSince: ctx.unfinishedAttemptSince } : {}) };
    const undeliverable = async () => {
      if (!p.ifUndeliverable) return;
      await d.jobs.schedule({ ...p.ifUndeliverable, runAt: ctx.now, idempotencyKey: `${ctx.idempotencyKey}:undeliverable`, messagesStaff: false });
    };
    let sent: SentRef | null;
    // From here on a copy may reach the platform: a crash or a timeout before "done" leaves this
    // mark, and the next try looks for that copy before sending again (Slack; see the drivers).
    if (!('copy' in p.to)) await ctx.markAttemptStarted();
    try {
      if ('copy' in p.to) {
        await d.router.update(p.to.copy, build, p.locale);
        return;
      }
      if ('reply' in p.to) {
        await d.router.reply(p.to.reply, build, p.locale, attempt);
        return;
      }
      sent = 'person' in p.to ? await d.router.sendToPerson(p.to.person, build, p.locale, attempt) : await d.router.postToChannel(p.to.channel.schoolId, p.to.channel.purpose, build, p.locale, attempt);
    } catch (err) {
      if (!(err instanceof PermanentDeliveryError)) throw err;
      if ('copy' in p.to) {
        // The message was deleted or its channel archived: nothing left to correct.
        d.logger.info({ key: ctx.idempotencyKey, reason: err.reason }, 'copy could not be updated; left as it is');
        return;
      }
      if (!p.ifUndeliverable) throw err;
      await undeliverable();
      return;
    }
    if (!sent) return undeliverable();
    if (p.topic) await d.copies.saveCopy(p.topic, { platform: sent.platform, ref: sent.ref, locale: p.locale });
    if (p.followUp) {
      // Its own job: a failed reply is retried without sending the first message again.
      const reply: DeliveryPayload = { to: { reply: sent }, locale: p.locale, message: p.followUp };
      await d.jobs.schedule({ kind: ctx.kind, payload: reply, runAt: ctx.now, idempotencyKey: `${ctx.idempotencyKey}:followUp`, messagesStaff: false, maxAttempts: 20 });
    }
  };
}

async function render(d: DeliveryDeps, r: { render: string; params: unknown }, locale: Parameters<MessageRenderer>[1]) {
  const renderer = d.renderers.get(r.render);
  if (!renderer) throw new Error(`no renderer registered for "${r.render}"`);
  return renderer(r.params, locale);
}
