// What the reflection flow needs from the database. Reflection text never leaves this port except
// to its own author.
export interface VisitForReflection {
  slotId: string;
  status: string;
  teacherId: string;
  teacherName: string;
  agentName: string | null;
  municipalityId: string;
  startsAt: Date;
  subject: string;
  classGroup: string;
}

export interface ReflectionSummary {
  id: string;
  personId: string;
  status: 'pending' | 'answered' | 'skipped';
  visit: VisitForReflection;
}

export interface ReflectionStore {
  visit(slotId: string): Promise<VisitForReflection | null>;
  /** Creates the pending reflection for a held visit once; `created` is false on repeats. */
  ensure(slotId: string, personId: string, promptedAt: Date): Promise<{ id: string; created: boolean }>;
  get(reflectionId: string): Promise<ReflectionSummary | null>;
  /** Saves the answers if the reflection is the person's and still open; false otherwise. Atomic. */
  answer(reflectionId: string, personId: string, answers: { questionKey: string; text: string }[], at: Date): Promise<boolean>;
  /** The person's own reflections with their answers, newest first. */
  ownAnswered(personId: string, limit: number): Promise<(ReflectionSummary & { answers: { questionKey: string; text: string }[]; answeredAt: Date })[]>;
  ownOpen(personId: string): Promise<ReflectionSummary[]>;
}
