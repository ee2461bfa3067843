// Builds every repository the flows need from one Prisma client.
import type { FlowStores } from '../flows/stores.js';
import { AdminRepository } from './admin-repository.js';
import { BookingRepository } from './booking-repository.js';
import type { DbClient } from './client.js';
import { DigestRepository } from './digest-repository.js';
import { HousekeepingRepository } from './housekeeping-repository.js';
import { ProgrammeRepository } from './programme-repository.js';
import { PersonSettingsRepository } from './person-settings-repository.js';
import { PersonalDataRepository } from './personal-data-repository.js';
import { ReflectionRepository } from './reflection-repository.js';

export function createFlowStores(db: DbClient): FlowStores {
  return {
    admin: new AdminRepository(db),
    booking: new BookingRepository(db),
    digest: new DigestRepository(db),
    housekeeping: new HousekeepingRepository(db),
    programme: new ProgrammeRepository(db),
    privacy: new PersonalDataRepository(db),
    reflection: new ReflectionRepository(db),
    settings: new PersonSettingsRepository(db),
  };
}
