// The six roles a person can hold at a school, and the words coordinators write for them in a roster
// (English keys as stored, Danish as used in the schools).

import { ROLES, type Role } from '../../core/directory.js';
import { roleTexts } from '../../core/texts.js';
import { cleanLine } from '../../core/input.js';

export { ROLES, type Role };

const ALIASES: Record<string, Role> = {
  teacher: 'teacher',
  'lærer': 'teacher',
  laerer: 'teacher',
  pedagogue: 'pedagogue',
  'pædagog': 'pedagogue',
  paedagog: 'pedagogue',
  learning_agent: 'learning_agent',
  'learning agent': 'learning_agent',
  'læringsagent': 'learning_agent',
  laeringsagent: 'learning_agent',
  consultant: 'consultant',
  konsulent: 'consultant',
  leader: 'leader',
  leder: 'leader',
  // The programme description uses these titles for the leader role.
  skoleleder: 'leader',
  'pædagogisk leder': 'leader',
  coordinator: 'coordinator',
  koordinator: 'coordinator',
  programkoordinator: 'coordinator',
};


/** The words a roster may use for each role, the reader's language first: "lærer/teacher, …". */
export function roleHelp(locale: 'da' | 'en'): string {
  return ROLES.map((r) => (locale === 'da' ? `${roleTexts.da[r]}/${r}` : `${r}/${roleTexts.da[r]}`)).join(', ');
}

/** "Lærer", "læringsagent", "Learning_Agent" → the stored key; undefined if it is not a role. */
export function parseRole(text: string): Role | undefined {
  const key = normalizeText(text).toLowerCase().replace(/-/g, ' ');
  return ALIASES[key] ?? ALIASES[key.replace(/ /g, '_')];
}

/** NFC (Mac exports may decompose æøå), no control characters, trimmed, inner whitespace collapsed; "" when nothing is visible. */
export function normalizeText(text: string): string {
  return cleanLine(text);
}

/** "Næstved Kommune" → "naestved-kommune"; slugs identify municipalities. */
export function slugify(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
