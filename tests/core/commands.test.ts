// What may be answered in front of a whole channel (Teams channels, where the bot's answer is
// seen by everyone): only what says nothing about a person.
import { describe, expect, it } from 'vitest';
import { answerableInChannel, parseCommand } from '../../src/core/commands.js';

describe('answerableInChannel', () => {
  it('lets help, the help for an unknown word and channel linking be answered in the channel', () => {
    for (const text of ['hjælp', 'help', '', 'blomkål', 'forbind ledelse Holmegaardskolen', 'link leaders Holmegaardskolen']) expect(answerableInChannel(text), text).toBe(true);
  });

  it('keeps everything about a person private, in Danish and in English', () => {
    for (const text of ['mine', 'my', 'ledige', 'open', 'refleksioner', 'reflections', 'tilbyd', 'offer', 'status']) {
      expect(parseCommand(text).kind, text).toBe('command');
      expect(answerableInChannel(text), text).toBe(false);
    }
  });

  it('judges a command hidden behind control characters as the dispatcher will run it', () => {
    for (const text of ['\u0000mine', 'refleksioner\u0007', 'mi\u0000ne']) expect(answerableInChannel(text), JSON.stringify(text)).toBe(false);
  });
});
