// The playground's driver over its chat log (a real SQLite file): messages in both languages, kept
// in order; an update to a message that is gone is a permanent delivery error (the delivery job
// leaves a stale copy as it is, without a stack trace), and a click on a gone message is answered
// privately instead of failing.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PlaygroundChat } from '../../../src/bot/local/chat.js';
import { PermanentDeliveryError } from '../../../src/core/chat.js';
import { rich } from '../../../src/core/i18n/text.js';
import { simpleMessage } from '../../../src/core/messages.js';
import { PlaygroundMessageRepository } from '../../../src/store/playground-message-repository.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let database: TestDatabase;
let log: PlaygroundMessageRepository;
let chat: PlaygroundChat;
beforeEach(async () => {
  database = await createTestDatabase();
  log = new PlaygroundMessageRepository(database.db);
  chat = new PlaygroundChat(log);
});
afterEach(() => database.cleanup());

const hello = (l: 'da' | 'en') => simpleMessage(rich(l === 'da' ? 'Hej' : 'Hello'));
const actor = { personId: 'p1', municipalityId: 'm1', locale: 'da' as const, platform: 'local' as const };

it('keeps each message in Danish and English, newest first, per address', async () => {
  await chat.sendDirect({ identityId: 'i', personId: 'p1', tenantId: '', externalId: 'p1', conversationRef: null }, hello);
  await chat.postChannel({ channelRowId: 'c', schoolId: 's', purpose: 'agents', tenantId: '', channelId: 's:agents', conversationRef: null }, () => simpleMessage(rich('Ny lektion')));
  await chat.interaction(actor, undefined, async () => undefined).respond(() => simpleMessage(rich('Kun til dig')));
  const mine = await log.recent(['person:p1', 'ephemeral:p1'], 10);
  expect(mine.map((m) => m.address)).toEqual(['ephemeral:p1', 'person:p1']);
  expect(mine[1]!.content.da.summary).toBe('Hej');
  expect(mine[1]!.content.en.summary).toBe('Hello');
  expect((await log.recent(['channel:s:agents'], 10)).map((m) => m.content.da.summary)).toEqual(['Ny lektion']);
});

it('refuses to update a message that is gone, and answers a click on one privately', async () => {
  const sent = await chat.sendDirect({ identityId: 'i', personId: 'p1', tenantId: '', externalId: 'p1', conversationRef: null }, hello);
  await database.db.playgroundMessage.deleteMany();
  await expect(chat.update(sent, hello)).rejects.toBeInstanceOf(PermanentDeliveryError);
  await expect(chat.update({ platform: 'local', ref: 'm12' }, hello)).rejects.toBeInstanceOf(PermanentDeliveryError);

  await chat.interaction(actor, sent, async () => undefined).updateSource(() => simpleMessage(rich('Opdateret')));
  expect((await log.recent(['ephemeral:p1'], 10)).map((m) => m.content.da.summary)).toEqual(['Opdateret']);
});
