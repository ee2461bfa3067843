// The local playground's chat history (core/chat-log.ts): one row per message, content as JSON.
import type { ChatLog, LoggedMessage, Renderings } from '../core/chat-log.js';
import type { DbClient } from './client.js';

export class PlaygroundMessageRepository implements ChatLog {
  constructor(private readonly db: DbClient) {}

  async append(entry: { address: string; content: Renderings; threadOf?: string }): Promise<string> {
    const threadOf = entry.threadOf !== undefined ? idOf(entry.threadOf) : null;
    const row = await this.db.playgroundMessage.create({ data: { address: entry.address, content: JSON.stringify(entry.content), threadOf }, select: { id: true } });
    return String(row.id);
  }

  async replace(id: string, content: Renderings): Promise<boolean> {
    const n = idOf(id);
    if (n === null) return false;
    const { count } = await this.db.playgroundMessage.updateMany({ where: { id: n }, data: { content: JSON.stringify(content) } });
    return count === 1;
  }

  async get(id: string): Promise<LoggedMessage | null> {
    const n = idOf(id);
    const row = n === null ? null : await this.db.playgroundMessage.findUnique({ where: { id: n } });
    return row ? toLogged(row) : null;
  }

  async recent(addresses: readonly string[], limit: number): Promise<LoggedMessage[]> {
    if (addresses.length === 0) return [];
    const rows = await this.db.playgroundMessage.findMany({ where: { address: { in: [...addresses] } }, orderBy: { id: 'desc' }, take: limit });
    return rows.map(toLogged);
  }
}

/** Message refs are the row ids as text; anything else names no message. */
function idOf(ref: string): number | null {
  return /^\d{1,15}$/.test(ref) ? Number(ref) : null;
}

function toLogged(row: { id: number; address: string; content: string; threadOf: number | null }): LoggedMessage {
  return { id: String(row.id), address: row.address, content: JSON.parse(row.content) as Renderings, threadOf: row.threadOf === null ? null : String(row.threadOf) };
}
