// The playground shows a neutral image block as an <img> with its PNG inline and its alt text, and
// the memory platform's plain text shows the alt text — the chart's text alternative.
import { describe, expect, it } from 'vitest';
import { messageHtml } from '../../../src/bot/local/render.js';
import { messageText } from '../../../src/bot/memory/driver.js';
import { image, type Message } from '../../../src/core/messages.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const message: Message = { summary: 'Uge 48', blocks: [image(png, 'Søjlediagram: uge 48: 6 <script>', 'Besøg pr. uge')] };

describe('image block', () => {
  it('renders as <img> with a data URI and escaped alt text in the playground', () => {
    const html = messageHtml(message, {});
    expect(html).toContain(`<img src="data:image/png;base64,${Buffer.from(png).toString('base64')}"`);
    expect(html).toContain('alt="Søjlediagram: uge 48: 6 &lt;script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('reads as its alt text on the memory platform', () => {
    expect(messageText(message)).toContain('[Søjlediagram: uge 48: 6 <script>]');
  });
});
