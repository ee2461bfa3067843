// The persistence ports flows use. Each flow declares its own port (an interface in its folder);
// src/store implements them with Prisma and src/store/index.ts builds the set. Flows never see Prisma.
import type { FlowDeps, FlowFactory, Tx } from '../core/flow.js';
import type { AdminStore } from './admin/ports.js';
import type { BookingStore } from './booking/port.js';
import type { DigestStore } from './digest/ports.js';
import type { HousekeepingStore } from './housekeeping/ports.js';
import type { ProgrammeStore } from './programme/ports.js';
import type { PersonalDataStore } from './privacy/ports.js';
import type { ReflectionStore } from './reflection/ports.js';
import type { SettingsStore } from './settings/ports.js';

export interface FlowStores {
  admin: AdminStore;
  booking: BookingStore;
  digest: DigestStore;
  housekeeping: HousekeepingStore;
  programme: ProgrammeStore;
  privacy: PersonalDataStore;
  reflection: ReflectionStore;
  settings: SettingsStore;
}

/** What the product's flows receive (src/core/flow.ts), with the product's stores. */
export type ProductDeps = FlowDeps<FlowStores>;
export type ProductFlowFactory = FlowFactory<FlowStores>;
/** One transaction of the product's stores. */
export type ProductTx = Tx<FlowStores>;
