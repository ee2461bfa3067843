// A person's own preferences (`indstillinger`), on the Person row.
import type { SettingsStore } from '../flows/settings/ports.js';
import type { DbClient } from './client.js';

export class PersonSettingsRepository implements SettingsStore {
  constructor(private readonly db: DbClient) {}

  async promptsOff(personId: string): Promise<boolean> {
    return (await this.db.person.findUnique({ where: { id: personId }, select: { promptsOff: true } }))?.promptsOff ?? false;
  }

  async setPromptsOff(personId: string, off: boolean): Promise<void> {
    await this.db.person.update({ where: { id: personId }, data: { promptsOff: off } });
  }
}
