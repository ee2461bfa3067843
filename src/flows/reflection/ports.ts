// What the reflection flow needs from the database. Reflection text never leaves this port except
// to its own author (and, by her choice, once to the visiting agent — see share.ts).
import type { AskedQuestion } from './questions/sets.js';

export interface VisitForReflection {
  slotId: string;
  status: string;
  teacherId: string;
  teacherName: string;
  agentId: string | null;
  agentName: string | null;
  municipalityId: string;
  startsAt: Date;
  endsAt: Date;
  /** When teacher and agent talk it through; null = right after the lesson. */
  feedbackAt: Date | null;
  subject: string;
  classGroup: string;
  /** What the teacher asked for feedback on, in her offer. */
  focus: string | null;
  /** The course's theme (klasseledelse, maalorienteret, inkluderende); null outside a course. */
  theme: string | null;
}

export type ReflectionStatus = 'pending' | 'answered' | 'skipped' | 'expired';

export interface ReflectionSummary {
  id: string;
  personId: string;
  status: ReflectionStatus;
  visit: VisitForReflection;
  /** The questions asked, in order. */
  questions: AskedQuestion[];
  /** Answering in chat: the question she is at; null = not started in chat. */
  chatStep: number | null;
  promptedAt: Date | null;
  answeredAt: Date | null;
  sharedAt: Date | null;
}

export interface Answer {
  questionKey: string;
  text: string;
}

export type ReflectionDetail = ReflectionSummary & { answers: Answer[] };

export interface ReflectionStore {
  visit(slotId: string): Promise<VisitForReflection | null>;
  /** Creates the pending reflection for a held visit once, with its questions; `created` is false on repeats. */
  ensure(slotId: string, personId: string, promptedAt: Date, questions: AskedQuestion[]): Promise<{ id: string; created: boolean }>;
  get(reflectionId: string): Promise<ReflectionDetail | null>;
  /**
   * Form: saves every answer given (an empty one removes an earlier answer) if the reflection is
   * the person's and pending or answered; a pending one becomes answered. False otherwise. Atomic.
   */
  answer(reflectionId: string, personId: string, answers: Answer[], at: Date): Promise<boolean>;
  /** Chat: moves to question `step` (start, resume); only while pending. */
  setChatStep(reflectionId: string, personId: string, step: number): Promise<boolean>;
  /**
   * Chat: saves the answer to the question at `step` (or none, to skip it) and moves on to the next,
   * only if she is still at `step` — a repeated message does not save twice. Atomic.
   */
  answerInChat(reflectionId: string, personId: string, step: number, answer: Answer | null): Promise<boolean>;
  /** Chat: pending → answered once every question was passed and at least one answered. */
  finish(reflectionId: string, personId: string, at: Date): Promise<boolean>;
  /** Once: marks it shared if it is the person's, answered and not shared yet. */
  markShared(reflectionId: string, personId: string, at: Date): Promise<boolean>;
  /** pending → expired (not answered in time); false if it was answered meanwhile. */
  expire(reflectionId: string): Promise<boolean>;
  /** The person's pending and answered reflections, newest visit first, one page, and how many there are. */
  own(personId: string, skip: number, take: number): Promise<{ items: ReflectionDetail[]; total: number }>;
  ownOpen(personId: string): Promise<ReflectionSummary[]>;
  /** The time of the feedback conversation, while the visit is claimed or held and she has not been asked yet. */
  setFeedbackAt(slotId: string, at: Date): Promise<boolean>;
}
