// Texts of the programme flow: the nudges at a feedback window's start and a week before it closes,
// the learning agents' Monday overview, and `kapacitet`. Short and friendly: an invitation, never a
// reprimand (data are for development, not control).
import { defineTexts } from '../../core/i18n/catalogue.js';

export const programmeTexts = defineTexts(
  'programme',
  {
    nudgeTitle: 'Tid til feedback',
    nudgeStart:
      'Hej {name}! Nu hvor kursusgang {after} i *{course}* er overstået, er det et godt tidspunkt at få feedback på en lektion. Har du en, en læringsagent må komme og se før kursusgang {before} den {date}?',
    nudgeStartLast:
      'Hej {name}! *{course}* har haft sin sidste kursusgang, men der er stadig plads til en feedback mere. Har du en lektion, en læringsagent må komme og se inden den {date}?',
    nudgeReminder:
      'Hej {name}, bare en lille påmindelse: om en uge er det kursusgang {before} i *{course}* ({date}). Vil du tilbyde en lektion til feedback inden da?',
    nudgeReminderLast: 'Hej {name}, bare en lille påmindelse: der er en uge tilbage til at få feedback i *{course}* (senest {date}). Vil du tilbyde en lektion?',
    nudgeButton: 'Tilbyd en lektion',
    nudgeOptOut: 'Vil du ikke have den slags beskeder? Skriv *{settings}* for at slå dem fra.',
    weekTitle: 'Din uge som læringsagent (uge {week})',
    weekVisitsHeader: 'Dine besøg i denne uge',
    weekNoVisits: 'Du har ingen besøg i denne uge endnu.',
    weekVisit: '{when} hos {teacher} – {what}',
    weekOpenHeader: 'Ledige lektioner på din skole',
    weekOpen: '{when} · {teacher} · {what}',
    weekOpenMore: '… og {count} mere – skriv *ledige* for at se dem alle.',
    weekFull: 'Din uge er fuld ({capacity} besøg), så jeg viser ikke ledige lektioner for denne uge.',
    claimButton: 'Tag den',
    capacityUsage: 'Skriv fx *kapacitet 3* for at sige, hvor mange besøg du kan tage om ugen, eller *kapacitet ingen* for at fjerne grænsen.',
    capacityCurrent: 'Du kan tage *{capacity}* besøg om ugen. Skriv fx *kapacitet 2* for at ændre det, eller *kapacitet ingen* for at fjerne grænsen.',
    capacityNone: 'Du har ikke sat en grænse for, hvor mange besøg du kan tage om ugen. Skriv fx *kapacitet 3* for at sætte én.',
    capacitySet: 'Fint – du kan tage *{capacity}* besøg om ugen. Når ugen er fuld, spørger jeg dig ikke om flere lektioner den uge.',
    capacityCleared: 'Fint – der er ingen grænse for, hvor mange besøg du kan tage om ugen.',
    capacityBad: '"{value}" er ikke et antal besøg. Skriv et helt tal fra 0 til {max}, fx *kapacitet 3*, eller *kapacitet ingen*.',
    capacityNotAgent: 'Kapacitet gælder for læringsagenter og konsulenter, der tager besøg – det er du ikke registreret som.',
  },
  {
    nudgeTitle: 'Time for feedback',
    nudgeStart:
      'Hi {name}! Now that session {after} of *{course}* is over, it is a good time to get feedback on a lesson. Do you have one a learning agent could come and see before session {before} on {date}?',
    nudgeStartLast:
      'Hi {name}! *{course}* has had its last session, but there is still room for one more feedback. Do you have a lesson a learning agent could come and see by {date}?',
    nudgeReminder: 'Hi {name}, just a small reminder: session {before} of *{course}* is a week away ({date}). Would you like to offer a lesson for feedback before then?',
    nudgeReminderLast: 'Hi {name}, just a small reminder: there is one week left to get feedback in *{course}* (by {date}). Would you like to offer a lesson?',
    nudgeButton: 'Offer a lesson',
    nudgeOptOut: 'Would you rather not get messages like this? Type *{settings}* to turn them off.',
    weekTitle: 'Your week as a learning agent (week {week})',
    weekVisitsHeader: 'Your visits this week',
    weekNoVisits: 'You have no visits this week yet.',
    weekVisit: '{when} with {teacher} – {what}',
    weekOpenHeader: 'Open lessons at your school',
    weekOpen: '{when} · {teacher} · {what}',
    weekOpenMore: '… and {count} more – type *open* to see them all.',
    weekFull: 'Your week is full ({capacity} visits), so I am not showing open lessons for this week.',
    claimButton: 'Take it',
    capacityUsage: 'Type e.g. *capacity 3* to say how many visits you can take a week, or *capacity none* to remove the limit.',
    capacityCurrent: 'You can take *{capacity}* visits a week. Type e.g. *capacity 2* to change it, or *capacity none* to remove the limit.',
    capacityNone: 'You have not set a limit on how many visits you can take a week. Type e.g. *capacity 3* to set one.',
    capacitySet: 'Fine – you can take *{capacity}* visits a week. Once a week is full, I will not ask you about more lessons that week.',
    capacityCleared: 'Fine – there is no limit on how many visits you can take a week.',
    capacityBad: '"{value}" is not a number of visits. Type a whole number from 0 to {max}, e.g. *capacity 3*, or *capacity none*.',
    capacityNotAgent: 'Capacity is for learning agents and consultants who make visits – you are not registered as one.',
  },
);
