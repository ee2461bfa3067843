// Texts of `sparring deliveries list|retry`, Danish first (SPARRING_LOCALE=en gives English).
import { defineTexts } from '../core/i18n/catalogue.js';

export const deliveryCliTexts = defineTexts(
  'cli.deliveries',
  {
    usage: `Brug: sparring deliveries list
       sparring deliveries retry --id ID
       sparring deliveries retry --all

Beskeder, der ikke kom frem, selv om Sparring prøvede i et døgn (fx under et langt udfald hos
Slack eller Teams). Koordinatoren ser antallet under "status".

  list          vis dem: id, modtager, hvornår Sparring opgav, forsøg og sidste fejl
  retry --id    send én igen (id fra list)
  retry --all   send dem alle igen

En besked, der sendes igen, får et nyt døgn. Den kørende server sender den inden for et minut.
`,
    none: 'Ingen beskeder har fejlet. Alt er leveret eller på vej.',
    header: '{count} {count:besked|beskeder} kom ikke frem:',
    line: '{id}  til {recipient}  opgivet {when}  {attempts} forsøg  {error}',
    retried: '{count} {count:besked|beskeder} er sat i kø igen; serveren sender dem inden for et minut.',
    notFound: 'Der er ingen fejlet besked med id "{id}". Se dem med: sparring deliveries list',
    bad: 'Skriv "list", "retry --id ID" eller "retry --all".',
  },
  {
    usage: `Usage: sparring deliveries list
       sparring deliveries retry --id ID
       sparring deliveries retry --all

Messages that did not get through although Sparring kept trying for a day (e.g. during a long
Slack or Teams outage). The coordinator sees how many under "status".

  list          show them: id, recipient, when Sparring gave up, tries and last error
  retry --id    send one again (id from list)
  retry --all   send them all again

A message sent again gets a fresh day of tries. The running server sends it within a minute.
`,
    none: 'No message has failed. Everything is delivered or on its way.',
    header: '{count} {count:message|messages} did not get through:',
    line: '{id}  to {recipient}  gave up {when}  {attempts} tries  {error}',
    retried: '{count} {count:message|messages} queued again; the server sends them within a minute.',
    notFound: 'There is no failed message with id "{id}". List them with: sparring deliveries list',
    bad: 'Type "list", "retry --id ID" or "retry --all".',
  },
);
