// Where a person's data lives: every table of the schema, and how its rows relate to one person.
// Export (export.ts) is driven by this list, so a table added here is exported without more code.
// tests/store/personal-data-coverage.test.ts walks prisma/sqlite/schema.prisma and fails when a
// table is missing here, or when a relation to Person (direct or through a listed parent) is not
// named — a new table that stores something about a person cannot be forgotten.

export type Coverage =
  /** The Person row itself. */
  | { kind: 'person' }
  /** Rows whose listed columns hold the person's id (every relation to Person must be listed). */
  | { kind: 'references'; columns: readonly string[] }
  /** Rows that belong to a row of `parent` that is the person's (e.g. an answer of her reflection). */
  | { kind: 'through'; parent: string; relation: string }
  /** Rows that may name the person in free JSON (id, e-mail or full name), found by text search. */
  | { kind: 'mentions'; columns: readonly string[] }
  /** Rows about the person's visits, found by the slot ids in a text column. */
  | { kind: 'slotTopic'; column: string }
  /** No personal data: organisation, counts or the runtime's own bookkeeping. Say why. */
  | { kind: 'none'; why: string };

export const PERSONAL_DATA_COVERAGE = {
  Person: { kind: 'person' },
  Membership: { kind: 'references', columns: ['personId'] },
  PlatformIdentity: { kind: 'references', columns: ['personId'] },
  CourseParticipant: { kind: 'references', columns: ['personId'] },
  Slot: { kind: 'references', columns: ['teacherId', 'createdById', 'agentId'] },
  SlotWaitlist: { kind: 'references', columns: ['agentId'] },
  Reflection: { kind: 'references', columns: ['personId'] },
  ReflectionAnswer: { kind: 'through', parent: 'Reflection', relation: 'reflection' },
  Job: { kind: 'mentions', columns: ['payload', 'idempotencyKey'] },
  SentMessage: { kind: 'slotTopic', column: 'topic' },
  // The playground's chat: addressed to a person ("person:<id>") and naming people in the messages.
  PlaygroundMessage: { kind: 'mentions', columns: ['address', 'content'] },
  Municipality: { kind: 'none', why: 'the municipality (tenant): name and calendar settings' },
  School: { kind: 'none', why: 'a school: name and bell schedule' },
  SchoolChannel: { kind: 'none', why: "a school's channel (leadership/agents), not a person's" },
  Course: { kind: 'none', why: 'a course: name, theme and target' },
  CourseSchool: { kind: 'none', why: 'which schools a course runs at' },
  CourseSession: { kind: 'none', why: "a course's session dates" },
  Digest: { kind: 'none', why: 'counts per school and week; small groups suppressed, never a name' },
  ProcessedDelivery: { kind: 'none', why: "platform delivery ids seen (for de-duplication), pruned after a week" },
  Setting: { kind: 'none', why: "deployment secrets the app creates itself; the playground's clock offset" },
} as const satisfies Record<string, Coverage>;

export type ModelName = keyof typeof PERSONAL_DATA_COVERAGE;

/** The Prisma client's property for a model ("SlotWaitlist" → "slotWaitlist"). */
export const delegateName = (model: string): string => model.charAt(0).toLowerCase() + model.slice(1);
