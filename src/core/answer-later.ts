// An answer to the person acting that the platform could not take right now (Slack said 429 to
// conversations.open, a 5xx, a timeout) is not lost: it is queued as an ordinary delivery to that
// person, which the job engine sends as soon as the platform lets it (no quiet hours: they are
// waiting for it). Permanent errors still reach the caller.
import { randomUUID } from 'node:crypto';
import { TransientDeliveryError, type ChatPort, type Interaction } from './chat.js';
import type { Logger } from './logger.js';
import type { MessageBuilder } from './messages.js';

export function answerLaterOnTransientFailure(ix: Interaction, chat: ChatPort, logger: Logger): Interaction {
  const respond = async (build: MessageBuilder): Promise<void> => {
    try {
      await ix.respond(build);
    } catch (err) {
      if (!(err instanceof TransientDeliveryError)) throw err;
      logger.info({ personId: ix.actor.personId, err: err.message }, 'answer could not be sent now; queued as a delivery');
      await chat.sendToPerson(ix.actor.personId, build, { key: `answer:${ix.actor.personId}:${randomUUID()}`, quietHoursApply: false });
    }
  };
  return {
    actor: ix.actor,
    respond,
    openForm: (build) => ix.openForm(build),
    // The adapter's updateSource answers privately when it cannot update; that answer is queued too.
    updateSource: async (build) => {
      try {
        await ix.updateSource(build);
      } catch (err) {
        if (!(err instanceof TransientDeliveryError)) throw err;
        await respond(build);
      }
    },
  };
}
