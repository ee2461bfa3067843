// Sent messages remembered under a topic (e.g. every copy of one slot's announcement), so the outbox
// can replace them all later. The platform reference and the copy's locale are stored as JSON.
import type { PlatformName } from '../core/chat.js';
import type { Locale } from '../core/i18n/catalogue.js';
import type { CopyStore, StoredCopy } from '../core/outbox.js';
import type { DbClient } from './client.js';

export class CopyRepository implements CopyStore {
  constructor(private readonly db: DbClient) {}

  async saveCopy(topic: string, copy: Omit<StoredCopy, 'id'>): Promise<void> {
    await this.db.sentMessage.create({ data: { topic, platform: copy.platform, ref: JSON.stringify({ ref: copy.ref, locale: copy.locale }) } });
  }

  async copies(topic: string): Promise<StoredCopy[]> {
    const rows = await this.db.sentMessage.findMany({ where: { topic }, orderBy: { createdAt: 'asc' }, select: { id: true, platform: true, ref: true } });
    return rows.map((r) => ({ id: r.id, platform: r.platform as PlatformName, ...parseStoredRef(r.ref) }));
  }
}

/** `{ ref, locale }` as JSON, or (rows from before the locale was kept) the bare platform ref in Danish. */
function parseStoredRef(stored: string): { ref: string; locale: Locale } {
  try {
    const v = JSON.parse(stored) as { ref?: unknown; locale?: unknown };
    if (typeof v.ref === 'string') return { ref: v.ref, locale: v.locale === 'en' ? 'en' : 'da' };
  } catch {
    // stored by something else: use as is
  }
  return { ref: stored, locale: 'da' };
}
