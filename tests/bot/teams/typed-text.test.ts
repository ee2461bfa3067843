// A teacher's answers reach the reflection as she typed them, through the real Teams adapter over
// loopback: "a < b > c", "<3" and "2 > 1" are text, not markup; a message that came as markup (a
// text/html rendering attached, as the Teams clients send it, or textFormat "xml") loses only its
// formatting tags and has its HTML entities decoded; a mention of a colleague is her name. Commands
// addressed to the bot in a channel ("@Sparring hjælp") still work.
import { describe, expect, it } from 'vitest';
import { coreTexts } from '../../../src/core/texts.js';
import { reflectionTexts as T } from '../../../src/flows/reflection/texts.js';
import { typedText } from '../../../src/bot/teams/text.js';
import { cardOf, cardText } from './fake-connector.js';
import { BOT } from './harness.js';
import { answerHere, chatQuestion, say, storedAnswers, unmark, useTeamsVisits, type TeamsVisit } from './reflection-fixture.js';

const startVisit = useTeamsVisits();
let v: TeamsVisit | undefined;


describe('Teams: what a teacher types is stored as typed', () => {
  it('keeps "<", ">" and entities-looking text in plain messages, and undoes only markup and entities in markup messages', async () => {
    v = await startVisit();
    const { h, teacher, agent } = v;
    expect((await answerHere(v)).text).toContain(chatQuestion(1));

    // Plain text, as typed: nothing in it is markup.
    expect((await say(h, teacher, 'Målet: a < b > c, og 2 > 1 <3')).text).toContain(chatQuestion(2));
    // The way the Teams clients send it: the text with entities, plus a text/html rendering.
    const html = await say(h, teacher, {
      text: 'Eleverne &lt;3 brøker &amp; decimaltal, men &quot;x&lt;y&quot; var svært',
      textFormat: 'plain',
      attachments: [{ contentType: 'text/html', content: '<p>Eleverne &lt;3 brøker &amp; decimaltal, men &quot;x&lt;y&quot; var svært</p>' }],
    });
    expect(html.text).toContain(chatQuestion(3));
    // Markup (textFormat xml): paragraphs and line breaks become lines, a mention of a colleague her name.
    const xml = await say(h, teacher, {
      text: `<p><at>${agent.name}</at>&nbsp;så det i <b>deres</b> udkast<br/>og i &lt;tavlen&gt;</p><p>Til sidst &#128512;</p>`,
      textFormat: 'xml',
      entities: [{ type: 'mention', mentioned: { id: agent.userId, name: agent.name }, text: `<at>${agent.name}</at>` }],
    });
    expect(xml.text).toContain(chatQuestion(4));
    // A plain message names a colleague too; text that only looks like an entity stays as written.
    const done = await say(h, teacher, {
      text: `Spørg <at>${agent.name}</at> om R&amp;D`,
      textFormat: 'plain',
      entities: [{ type: 'mention', mentioned: { id: agent.userId, name: agent.name }, text: `<at>${agent.name}</at>` }],
    });
    expect(done.text).toContain(T.plain('da', 'chatDone', { name: 'Mette' }));

    expect(await storedAnswers(v!)).toEqual([
      ['goal', 'Målet: a < b > c, og 2 > 1 <3'],
      ['pupils', 'Eleverne <3 brøker & decimaltal, men "x<y" var svært'],
      ['evidence', `${agent.name} så det i deres udkast\nog i <tavlen>\nTil sidst 😀`],
      ['next', `Spørg ${agent.name} om R&amp;D`],
    ]);

    // Her list shows the answers as stored (the card escapes them; undone here).
    const list = await say(h, teacher, 'refleksioner');
    expect(list.text).toContain('Målet: a < b > c, og 2 > 1 <3');
    expect(list.text).toContain('Eleverne <3 brøker & decimaltal, men "x<y" var svært');
  });

  it('still reads "@Sparring hjælp" in a channel, with the mention and Teams\' non-breaking space around it', async () => {
    v = await startVisit();
    const { h, coordinator } = v;
    const CHANNEL = '19:holsted@thread.tacv2';
    h.fake.clear();
    const res = await h.post(
      h.channelActivity(coordinator, CHANNEL, {
        type: 'message',
        text: '<at>Sparring</at>&nbsp;hjælp',
        textFormat: 'plain',
        attachments: [{ contentType: 'text/html', content: '<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">Sparring</span>&nbsp;hjælp</div></div>' }],
        entities: [{ type: 'mention', mentioned: BOT, text: '<at>Sparring</at>' }],
      }),
    );
    expect(res.status).toBe(200);
    const answered = h.fake.delivered('reply', 'send').map((c) => unmark(cardText(cardOf(c.body)))).join('\n');
    expect(answered).toContain(coreTexts.plain('da', 'helpTitle'));
    expect(answered).not.toContain(coreTexts.plain('da', 'unknownCommand', { word: 'Sparring' }));
  });
});

describe('typedText', () => {
  const bot = { recipient: BOT, entities: [{ type: 'mention', mentioned: { id: BOT.id }, text: '<at>Sparring</at>' }] };
  it.each([
    ['plain text is left alone', { text: ' a < b > c <3 &lt; x<y ' }, 'a < b > c <3 &lt; x<y'],
    ['a bot mention is dropped, a colleague keeps her name', { ...bot, text: '<at>Sparring</at> <at>Bente Berg</at> sagde &nbsp;hej' }, 'Bente Berg sagde &nbsp;hej'],
    ['a second bot mention, found by name', { recipient: BOT, text: '<at>Sparring</at>&nbsp;mine' }, 'mine'],
    ['markup: tags out, entities decoded, once', { text: '<p>&amp;lt; er &lt; &amp; <i>kursiv</i></p>', attachments: [{ contentType: 'text/html' }] }, '&lt; er < & kursiv'],
    ['markup keeps "<" that starts no known tag', { text: 'a <3 b < c > d <x>', textFormat: 'xml' }, 'a <3 b < c > d <x>'],
    ['markup: emoji images become their alt text', { text: 'godt <img alt="&#128077;" src="x">', textFormat: 'xml' }, 'godt 👍'],
    ['entities HTML knows are decoded, unknown ones stay as written', { text: '&foo; &eacute; &#x1F600;', textFormat: 'xml' }, '&foo; é 😀'],
  ])('%s', (_name, activity, expected) => {
    expect(typedText(activity)).toBe(expected);
  });
});
