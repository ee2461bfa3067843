// Texts of the leaders' weekly digest. Counts and completion only — never what anyone wrote.
import { defineTexts } from '../../core/i18n/catalogue.js';

export const digestTexts = defineTexts(
  'digest',
  {
    title: 'Ugens feedback på {school} – uge {week}',
    summary: 'Ugens feedback på {school}, uge {week}',
    weekHeld: 'Gennemførte besøg i uge {week}',
    weekUnclaimed: 'Lektioner, ingen nåede at tage',
    upcoming: 'Planlagte besøg de næste 7 dage',
    open: 'Ledige lektioner lige nu',
    courseLine: '*{course}*: {completed} af {participants} deltagere har fået {target} feedbacks. {held} besøg i alt, {reflected} med refleksion.',
    courseSmall: '*{course}*: færre end {min} deltagere på skolen, så tallene vises ikke – de ville kunne pege på enkeltpersoner.',
    courseReflectionsHidden: '*{course}*: {completed} af {participants} deltagere har fået {target} feedbacks. {held} besøg i alt.',
    unreachable: '{count} medarbejder(e) kan ikke nås af Sparring. Programkoordinatoren kan se hvem og hjælpe.',
    footer: 'Tallene er til planlægning og udvikling, ikke til kontrol. Refleksionerne tilhører lærerne og pædagogerne selv.',
    noCourses: 'Skolen har ingen forløb i Sparring lige nu.',
  },
  {
    title: 'Feedback at {school} this week – week {week}',
    summary: 'Feedback at {school}, week {week}',
    weekHeld: 'Visits held in week {week}',
    weekUnclaimed: 'Lessons nobody managed to claim',
    upcoming: 'Visits planned for the next 7 days',
    open: 'Open lessons right now',
    courseLine: '*{course}*: {completed} of {participants} participants have had {target} feedbacks. {held} visits in all, {reflected} with a reflection.',
    courseSmall: '*{course}*: fewer than {min} participants at the school, so the figures are not shown – they could point to individuals.',
    courseReflectionsHidden: '*{course}*: {completed} of {participants} participants have had {target} feedbacks. {held} visits in all.',
    unreachable: '{count} member(s) of staff cannot be reached by Sparring. The programme coordinator can see who and help.',
    footer: 'The figures are for planning and development, not control. The reflections belong to the teachers and pedagogues themselves.',
    noCourses: 'The school has no courses in Sparring right now.',
  },
);
