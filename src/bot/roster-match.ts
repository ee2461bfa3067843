// Which roster person an email found on a platform belongs to. Emails are unique per municipality,
// not across them: the same address can be on two municipalities' rosters (someone working for both).
// The municipality the workspace/tenant serves decides; without a person there, only a single,
// unambiguous match is taken — never "the first" of several, which would let a user act as a person
// of another municipality.
import type { PersonSummary } from '../core/directory.js';

export function pickRosterPerson(persons: PersonSummary[], home: string | undefined): PersonSummary | null {
  if (home) {
    const atHome = persons.find((p) => p.municipalityId === home);
    if (atHome) return atHome;
  }
  return persons.length === 1 ? persons[0]! : null;
}
