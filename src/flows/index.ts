// Every flow of the product, in the order their sections appear on a person's home.
import type { ProductFlowFactory } from './stores.js';
import { createAdminFlow } from './admin/index.js';
import { createBookingFlow } from './booking/index.js';
import { createDigestFlow } from './digest/index.js';
import { createHousekeepingFlow } from './housekeeping/index.js';
import { createProgrammeFlow } from './programme/index.js';
import { createPrivacyFlow } from './privacy/index.js';
import { createReflectionFlow } from './reflection/index.js';
import { createSettingsFlow } from './settings/index.js';

export const allFlows: ProductFlowFactory[] = [createBookingFlow, createReflectionFlow, createDigestFlow, createAdminFlow, createHousekeepingFlow, createSettingsFlow, createProgrammeFlow, createPrivacyFlow];
