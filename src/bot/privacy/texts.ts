// The privacy statement and terms of use (linked from the Teams app and the Slack app).
import { defineTexts } from '../../core/i18n/catalogue.js';

export const privacyTexts = defineTexts(
  'privacy',
  {
    privacyTitle: 'Sparring – sådan bruger vi data',
    privacyPrinciple: 'Data bruges til udvikling, ikke til kontrol. Sparring er kommunens værktøj til at planlægge feedback på undervisning – ikke til at vurdere medarbejdere.',
    whatTitle: 'Hvad Sparring gemmer',
    whatStaff: 'Navn, e-mail, skole og roller fra kommunens medarbejderliste, og hvordan du nås i Teams eller Slack.',
    whatVisits: 'Lektioner, der er tilbudt til feedback: tidspunkt, klasse/hold, fag, lokale, ønsket fokus, og hvem der gav feedback.',
    whatReflections: 'Dine refleksioner efter et besøg. De tilhører dig: kun du kan læse dem.',
    whoTitle: 'Hvem ser hvad',
    whoLeaders: 'Ledelsen ser antal: gennemførte besøg, ledige lektioner og hvor mange deltagere der har nået deres feedbacks. Aldrig hvad nogen har skrevet, og ingen tal for grupper på under fem.',
    whoAgents: 'Læringsagenter og konsulenter ser de lektioner, de kan tage, og de besøg, de selv skal på.',
    whoCoordinator: 'Programkoordinatoren ser, hvem Sparring ikke kan nå, så det kan rettes.',
    questions: 'Spørgsmål om dine data: kontakt programkoordinatoren i din kommune.',
    termsTitle: 'Sparring – vilkår for brug',
    termsBody: 'Sparring stilles til rådighed af kommunen for medarbejdere i skolernes kompetenceudviklingsprogram. Brug den til at aftale og forberede feedback på undervisning. Skriv ikke personfølsomme oplysninger om elever i Sparring.',
  },
  {
    privacyTitle: 'Sparring – how we use data',
    privacyPrinciple: 'Data are for development, not control. Sparring is the municipality\'s tool for planning feedback on teaching – not for assessing staff.',
    whatTitle: 'What Sparring stores',
    whatStaff: 'Name, email, school and roles from the municipality\'s staff list, and how to reach you in Teams or Slack.',
    whatVisits: 'Lessons offered for feedback: time, class/group, subject, room, the focus asked for, and who gave feedback.',
    whatReflections: 'Your reflections after a visit. They belong to you: only you can read them.',
    whoTitle: 'Who sees what',
    whoLeaders: 'Leaders see counts: visits held, open lessons and how many participants have reached their feedbacks. Never what anyone wrote, and no figures for groups smaller than five.',
    whoAgents: 'Learning agents and consultants see the lessons they may claim and the visits they are going to.',
    whoCoordinator: 'The programme coordinator sees whom Sparring cannot reach, so it can be fixed.',
    questions: 'Questions about your data: contact the programme coordinator in your municipality.',
    termsTitle: 'Sparring – terms of use',
    termsBody: 'Sparring is provided by the municipality for staff taking part in the schools\' professional development programme. Use it to arrange and prepare feedback on teaching. Do not write sensitive personal information about pupils in Sparring.',
  },
);
