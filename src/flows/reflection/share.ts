// "Del med <agent>": by her choice, once, to the visiting agent only. The agent's copy says it was
// shared by the teacher's choice; her list shows that it was shared, and when.
import type { Interaction } from '../../core/chat.js';
import type { ActionEvent } from '../../core/flow.js';
import { context, header } from '../../core/messages.js';
import { answerBlocks, ownReflection, say, timeZoneOf, visitDate, type ReflectionContext } from './context.js';
import { reflectionTexts as T } from './texts.js';

export async function shareAction(ctx: ReflectionContext, ev: ActionEvent, ix: Interaction): Promise<void> {
  const r = await ownReflection(ctx, ev.actor, ev.value, ix);
  if (!r) return;
  const agentId = r.visit.agentId;
  const agent = r.visit.agentName;
  if (!agentId || !agent) return say(ix, 'shareNoAgent');
  if (r.status !== 'answered' || r.answers.length === 0) return say(ix, 'shareNotAnswered');
  if (r.sharedAt) return say(ix, 'shareAlready');
  const tz = await timeZoneOf(ctx, r.visit.municipalityId);
  const teacher = r.visit.teacherName;
  const shared = await ctx.deps.stores.transaction(async (tx) => {
    // Marked and sent together, once: a second click finds it shared already.
    if (!(await tx.reflection.markShared(r.id, ev.actor.personId, ctx.deps.clock.now()))) return false;
    await tx.chat.sendToPerson(
      agentId,
      (l) => ({
        summary: T.plain(l, 'sharedTitle', { teacher }),
        blocks: [
          header(T.plain(l, 'sharedTitle', { teacher })),
          context(T.for(l)('sharedNote', { teacher, subject: r.visit.subject, group: r.visit.classGroup, date: visitDate(r.visit, l, tz) })),
          ...answerBlocks(r, l),
        ],
      }),
      { key: `reflection:${r.id}:share` },
    );
    return true;
  });
  await say(ix, shared ? 'shareDone' : 'shareAlready', { agent });
}
