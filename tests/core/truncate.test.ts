// Platform limits (button labels, modal titles, header blocks) cut text with an ellipsis; both
// renderers use this one function.
import { describe, expect, it } from 'vitest';
import { truncate } from '../../src/core/i18n/text.js';

describe('truncate', () => {
  it('leaves short text alone and cuts long text to exactly the limit, ellipsis included', () => {
    expect(truncate('Tag den', 24)).toBe('Tag den');
    expect(truncate('Refleksion efter besøget i 5.b', 10)).toBe('Refleksio…');
    expect(truncate('Refleksion efter besøget i 5.b', 10)).toHaveLength(10);
  });

  it('never cuts an emoji in half', () => {
    const cut = truncate('Godt gået 👏👏👏', 12);
    expect(cut).toBe('Godt gået …');
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(() => encodeURIComponent(cut)).not.toThrow();
    expect(truncate('ab👏', 4)).toBe('ab👏');
    expect(truncate('ab👏c', 4)).toBe('ab…');
  });
});
