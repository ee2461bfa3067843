// Where a person's data lives: every table of the schema, and how its rows relate to one person.
// Export (export.ts) and the deleting part of erasure (erase.ts) are driven by this list, so a table
// added here is exported — and, when marked `delete`, erased — without more code.
// tests/store/personal-data-coverage.test.ts walks prisma/sqlite/schema.prisma and fails when a
// table is missing here, or when a relation to Person (direct or through a listed parent) is not
// named — a new table that stores something about a person cannot be forgotten.

/**
 * What erasure does with the person's rows of a table: `delete` them (by the same WHERE the export
 * uses), or `keep` them because the programme counts them — then erase.ts wipes whatever in them
 * identifies her, and its comment says what.
 */
export type OnErase = 'delete' | 'keep';

export type Coverage =
  /** The Person row itself (kept, anonymous: see erase.ts). */
  | { kind: 'person' }
  /** Rows whose listed columns hold the person's id (every relation to Person must be listed). */
  | { kind: 'references'; columns: readonly string[]; onErase: OnErase }
  /** Rows that belong to a row of `parent` that is the person's (e.g. an answer of her reflection). */
  | { kind: 'through'; parent: string; relation: string; onErase: OnErase }
  /** Rows that may name the person in free JSON (id, e-mail or full name), found by text search. */
  | { kind: 'mentions'; columns: readonly string[]; onErase: OnErase }
  /** Rows about the person's visits, found by the slot ids in a text column. */
  | { kind: 'slotTopic'; column: string; onErase: OnErase }
  /** No personal data: organisation, counts or the runtime's own bookkeeping. Say why. */
  | { kind: 'none'; why: string };

export const PERSONAL_DATA_COVERAGE = {
  Person: { kind: 'person' },
  Membership: { kind: 'references', columns: ['personId'], onErase: 'keep' },
  PlatformIdentity: { kind: 'references', columns: ['personId'], onErase: 'delete' },
  CourseParticipant: { kind: 'references', columns: ['personId'], onErase: 'keep' },
  Slot: { kind: 'references', columns: ['teacherId', 'createdById', 'agentId'], onErase: 'keep' },
  SlotWaitlist: { kind: 'references', columns: ['agentId'], onErase: 'delete' },
  Reflection: { kind: 'references', columns: ['personId'], onErase: 'keep' },
  ReflectionAnswer: { kind: 'through', parent: 'Reflection', relation: 'reflection', onErase: 'delete' },
  Conversation: { kind: 'references', columns: ['personId'], onErase: 'delete' },
  Job: { kind: 'mentions', columns: ['payload', 'idempotencyKey'], onErase: 'delete' },
  SentMessage: { kind: 'slotTopic', column: 'topic', onErase: 'keep' },
  // The playground's chat: addressed to a person ("person:<id>") and naming people in the messages.
  PlaygroundMessage: { kind: 'mentions', columns: ['address', 'content'], onErase: 'delete' },
  Municipality: { kind: 'none', why: 'the municipality (tenant): name and calendar settings' },
  School: { kind: 'none', why: 'a school: name and bell schedule' },
  SchoolChannel: { kind: 'none', why: "a school's channel (leadership/agents), not a person's" },
  Course: { kind: 'none', why: 'a course: name, theme and target' },
  CourseSchool: { kind: 'none', why: 'which schools a course runs at' },
  CourseSession: { kind: 'none', why: "a course's session dates" },
  Digest: { kind: 'none', why: 'counts per school and week; small groups suppressed, never a name' },
  ProcessedDelivery: { kind: 'none', why: 'platform delivery ids seen (for de-duplication), pruned after a week' },
  Setting: { kind: 'none', why: "deployment secrets the app creates itself; the playground's clock offset" },
} as const satisfies Record<string, Coverage>;

export type ModelName = keyof typeof PERSONAL_DATA_COVERAGE;

/** The Prisma client's property for a model ("SlotWaitlist" → "slotWaitlist"). */
export const delegateName = (model: string): string => model.charAt(0).toLowerCase() + model.slice(1);
