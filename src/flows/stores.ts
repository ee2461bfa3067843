// The persistence ports flows use. Each flow declares its own port (an interface in its folder);
// src/store implements them with Prisma and src/store/index.ts builds the set. Flows never see Prisma.
import type { AdminStore } from './admin/ports.js';
import type { BookingStore } from './booking/port.js';
import type { DigestStore } from './digest/ports.js';
import type { HousekeepingStore } from './housekeeping/index.js';
import type { ReflectionStore } from './reflection/ports.js';

export interface FlowStores {
  admin: AdminStore;
  booking: BookingStore;
  digest: DigestStore;
  housekeeping: HousekeepingStore;
  reflection: ReflectionStore;
}
