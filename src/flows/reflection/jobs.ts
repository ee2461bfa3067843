// The reflection flow's job kinds that other flows schedule, and when its prompt is due.
/** Scheduled by the booking flow when a visit has been held. Payload: { slotId }. */
export const REFLECTION_PROMPT_JOB = 'reflection.prompt';
/** Scheduled by the booking flow when a visit is confirmed (claimed), to run as the lesson begins. Payload: { slotId, agentId }. */
export const REFLECTION_VISIT_CONFIRMED_JOB = 'reflection.visitConfirmed';

/** How long teacher and agent are assumed to talk the lesson through; the prompt comes after. */
export const FEEDBACK_CONVERSATION_MINUTES = 20;

/**
 * When the teacher is asked to reflect: after the feedback conversation — at the time they set, or
 * right after the lesson — has had its time. Quiet hours may move it on (to the next working morning).
 */
export function promptDueAt(endsAt: Date, feedbackAt: Date | null): Date {
  const conversation = feedbackAt && feedbackAt > endsAt ? feedbackAt : endsAt;
  return new Date(conversation.getTime() + FEEDBACK_CONVERSATION_MINUTES * 60_000);
}
