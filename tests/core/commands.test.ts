// What may be answered in front of a whole channel (Teams channels, where the bot's answer is
// seen by everyone): only what says nothing about a person.
import { describe, expect, it } from 'vitest';
import { answerableInChannel, parseCommand } from '../../src/core/commands.js';

describe('answerableInChannel', () => {
  it('lets help, the help for an unknown word and channel linking be answered in the channel', () => {
    for (const text of ['hjælp', 'help', '', 'blomkål', 'forbind ledelse Holmegaardskolen', 'link leaders Holmegaardskolen']) expect(answerableInChannel(text), text).toBe(true);
  });

  it('keeps everything about a person private, in Danish and in English', () => {
    for (const text of ['mine', 'my', 'ledige', 'open', 'refleksioner', 'reflections', 'tilbyd', 'offer', 'status', 'mine data', 'my data']) {
      expect(parseCommand(text).kind, text).toBe('command');
      expect(answerableInChannel(text), text).toBe(false);
    }
  });

  it('judges a command hidden behind control characters as the dispatcher will run it', () => {
    for (const text of ['\u0000mine', 'refleksioner\u0007', 'mi\u0000ne']) expect(answerableInChannel(text), JSON.stringify(text)).toBe(false);
  });
});

describe('parseCommand', () => {
  it('reads "mine data" as the data command, and "mine" followed by anything else as "mine"', () => {
    expect(parseCommand('mine data')).toEqual({ kind: 'command', command: 'data', args: '' });
    expect(parseCommand('  My   DATA ')).toEqual({ kind: 'command', command: 'data', args: '' });
    expect(parseCommand('mit data')).toEqual({ kind: 'command', command: 'data', args: '' });
    expect(parseCommand('mine')).toEqual({ kind: 'command', command: 'my', args: '' });
    expect(parseCommand('mine dataer')).toEqual({ kind: 'command', command: 'my', args: 'dataer' });
    expect(parseCommand('data')).toEqual({ kind: 'command', command: 'data', args: '' });
  });
});
