// The reflection flow's job kinds that other flows schedule.
/** Scheduled by the booking flow when a visit has been held. Payload: { slotId }. */
export const REFLECTION_PROMPT_JOB = 'reflection.prompt';
