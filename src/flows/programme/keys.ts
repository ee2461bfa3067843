// The programme flow's job kinds and idempotency keys, in one place.
//   programme:plan:<date>                                 the daily planning job
//   programme:w:<course>:<window>:start:<date>            a window's start nudges (the date: a moved
//   programme:w:<course>:<window>:reminder:<date>         session makes a new job, not a second nudge)
//   programme:nudge:<course>:<window>:<kind>:<person>     one message per person per window and kind
//   programme:week:<municipality>:<year>-W<week>          the agents' Monday overview job
//   programme:week:<year>-W<week>:<person>                one overview per agent per week
export const PROGRAMME_JOBS = {
  plan: 'programme.plan',
  windowStart: 'programme.windowStart',
  windowReminder: 'programme.windowReminder',
  agentWeek: 'programme.agentWeek',
} as const;

export type NudgeKind = 'start' | 'reminder';

const day = (at: Date) => at.toISOString().slice(0, 10);

export const programmeKeys = {
  plan: (at: Date) => `programme:plan:${day(at)}`,
  windowJob: (courseId: string, window: number, kind: NudgeKind, due: Date) => `programme:w:${courseId}:${window}:${kind}:${day(due)}`,
  nudge: (courseId: string, window: number, kind: NudgeKind, personId: string) => `programme:nudge:${courseId}:${window}:${kind}:${personId}`,
  weekJob: (municipalityId: string, isoYear: number, isoWeek: number) => `programme:week:${municipalityId}:${isoYear}-W${isoWeek}`,
  weekTo: (isoYear: number, isoWeek: number, personId: string) => `programme:week:${isoYear}-W${isoWeek}:${personId}`,
};

export interface WindowJobPayload {
  courseId: string;
  /** FeedbackWindow.index */
  window: number;
}

export interface AgentWeekPayload {
  municipalityId: string;
  isoYear: number;
  isoWeek: number;
}
