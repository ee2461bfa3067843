// Seeds a programme for bench/digest.ts straight into a migrated SQLite file with better-sqlite3
// (Prisma's createMany would take minutes at 8×). Scale 1 = 242 schools, 10,000 staff, a year of
// visits (≈ 3 offered lessons per teacher), this and last school year's courses.
import Database from 'better-sqlite3';

export interface SeedFigures {
  municipalities: number;
  schools: number;
  staff: number;
  slots: number;
  reflections: number;
}

const SCHOOLS_PER_MUNICIPALITY = 24.2;
const STAFF_PER_SCHOOL = 10_000 / 242;
const SLOTS_PER_TEACHER = 3;
const iso = (d: Date) => d.toISOString().replace('Z', '+00:00'); // how Prisma stores DateTime in SQLite
const DAY = 86_400_000;

/** A small deterministic random generator, so every run seeds the same programme. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedProgramme(file: string, scale: number, now: Date): SeedFigures {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const rnd = random(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const schoolCount = Math.round(242 * scale);
  const municipalityCount = Math.round(schoolCount / SCHOOLS_PER_MUNICIPALITY);
  const stamp = iso(now);
  let id = 0;
  const next = (p: string) => `${p}${(id++).toString(36)}`;
  const ins = {
    municipality: db.prepare('INSERT INTO Municipality (id, slug, name, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)'),
    school: db.prepare('INSERT INTO School (id, municipalityId, name, createdAt) VALUES (?, ?, ?, ?)'),
    person: db.prepare('INSERT INTO Person (id, municipalityId, email, name, active, promptsOff, createdAt, updatedAt) VALUES (?, ?, ?, ?, 1, 0, ?, ?)'),
    membership: db.prepare('INSERT INTO Membership (id, personId, schoolId, role, createdAt) VALUES (?, ?, ?, ?, ?)'),
    identity: db.prepare('INSERT INTO PlatformIdentity (id, personId, platform, tenantId, externalId, unreachableAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    course: db.prepare('INSERT INTO Course (id, municipalityId, key, theme, year, name, feedbackTarget, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 2, ?, ?)'),
    courseSchool: db.prepare('INSERT INTO CourseSchool (courseId, schoolId) VALUES (?, ?)'),
    session: db.prepare('INSERT INTO CourseSession (id, courseId, number, startsAt, endsAt) VALUES (?, ?, ?, ?, ?)'),
    participant: db.prepare('INSERT INTO CourseParticipant (courseId, personId) VALUES (?, ?)'),
    slot: db.prepare(
      'INSERT INTO Slot (id, schoolId, teacherId, createdById, courseId, startsAt, endsAt, classGroup, subject, status, agentId, sequence, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
    ),
    reflection: db.prepare('INSERT INTO Reflection (id, slotId, personId, status, createdAt) VALUES (?, ?, ?, ?, ?)'),
  };
  const figures: SeedFigures = { municipalities: municipalityCount, schools: schoolCount, staff: 0, slots: 0, reflections: 0 };
  const yearStart = now.getTime() - 365 * DAY;
  const themes = ['klasseledelse', 'maalorienteret', 'inkluderende'];

  db.transaction(() => {
    for (let m = 0; m < municipalityCount; m++) {
      const municipalityId = next('m');
      ins.municipality.run(municipalityId, `kommune-${m}`, `Kommune ${m}`, stamp, stamp);
      const schools: string[] = [];
      const from = Math.round(m * SCHOOLS_PER_MUNICIPALITY * (schoolCount / (municipalityCount * SCHOOLS_PER_MUNICIPALITY)));
      const to = Math.round((m + 1) * SCHOOLS_PER_MUNICIPALITY * (schoolCount / (municipalityCount * SCHOOLS_PER_MUNICIPALITY)));
      for (let s = from; s < to; s++) {
        const schoolId = next('s');
        ins.school.run(schoolId, municipalityId, `Skole ${s}`, stamp);
        schools.push(schoolId);
      }
      // Last school year's courses (finished) and this year's (running: sessions Sep → Mar).
      const courses: { id: string; year: number }[] = [];
      for (const year of [2025, 2026]) {
        for (const theme of themes) {
          const courseId = next('c');
          ins.course.run(courseId, municipalityId, `${theme}-${year}`, theme, year, `${theme} ${year}`, stamp, stamp);
          for (let n = 1; n <= 4; n++) {
            const start = Date.UTC(year, 8 + (n - 1) * 2, 10, 11);
            ins.session.run(next('k'), courseId, n, iso(new Date(start)), iso(new Date(start + 3 * 3_600_000)));
          }
          for (const schoolId of schools) ins.courseSchool.run(courseId, schoolId);
          courses.push({ id: courseId, year });
        }
      }
      const coordinator = next('p');
      ins.person.run(coordinator, municipalityId, `koordinator@${m}.dk`, 'Koordinator', stamp, stamp);
      ins.membership.run(next('r'), coordinator, schools[0]!, 'coordinator', stamp);
      figures.staff += 1;
      for (const schoolId of schools) {
        const staff = Math.round(STAFF_PER_SCHOOL * (1 + (rnd() - 0.5) * 0.4));
        const agents: string[] = [];
        const teachers: string[] = [];
        for (let i = 0; i < staff; i++) {
          const personId = next('p');
          ins.person.run(personId, municipalityId, `${personId}@skole.dk`, `Medarbejder ${personId}`, stamp, stamp);
          const role = i < 2 ? 'leader' : i < 5 ? 'learning_agent' : rnd() < 0.2 ? 'pedagogue' : 'teacher';
          ins.membership.run(next('r'), personId, schoolId, role, stamp);
          if (rnd() < 0.95) ins.identity.run(next('i'), personId, 'slack', 'T1', personId, rnd() < 0.02 ? stamp : null, stamp, stamp);
          if (role === 'learning_agent') agents.push(personId);
          if (role === 'teacher' || role === 'pedagogue') teachers.push(personId);
        }
        figures.staff += staff;
        for (const teacherId of teachers) {
          // About a quarter join this year's course, a quarter took last year's.
          const r = rnd();
          const course = r < 0.25 ? pick(courses.filter((c) => c.year === 2026)) : r < 0.5 ? pick(courses.filter((c) => c.year === 2025)) : null;
          if (course) ins.participant.run(course.id, teacherId);
          for (let v = 0; v < SLOTS_PER_TEACHER; v++) {
            const startsAt = yearStart + Math.floor(rnd() * 380) * DAY + 8 * 3_600_000;
            const past = startsAt < now.getTime();
            const x = rnd();
            const status = past ? (x < 0.7 ? 'held' : x < 0.8 ? 'unclaimed' : x < 0.9 ? 'cancelled' : 'not_held') : x < 0.5 ? 'open' : 'claimed';
            const agentId = status === 'held' || status === 'claimed' || status === 'not_held' ? pick(agents) : null;
            const slotId = next('v');
            const courseId = course && (course.year === 2026) === startsAt > Date.UTC(2026, 7, 1) ? course.id : null;
            ins.slot.run(slotId, schoolId, teacherId, teacherId, courseId, iso(new Date(startsAt)), iso(new Date(startsAt + 45 * 60_000)), '6.a', 'Dansk', status, agentId, stamp, stamp);
            figures.slots += 1;
            if (status === 'held') {
              const y = rnd();
              ins.reflection.run(next('f'), slotId, teacherId, y < 0.6 ? 'answered' : y < 0.8 ? 'skipped' : 'pending', stamp);
              figures.reflections += 1;
            }
          }
        }
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return figures;
}
