// What a platform adapter (src/bot/*) is given: the narrow set of runtime parts it needs to route
// platform events into the flows and to render their answers — never the database or the flows.
import type { Clock } from './clock.js';
import type { Directory } from './directory.js';
import type { Dispatcher } from './dispatcher.js';
import type { Locale } from './i18n/catalogue.js';
import type { InboundPipeline } from './inbound.js';
import type { Logger } from './logger.js';
import type { RuntimeMetrics } from './metrics.js';

export interface AdapterContext {
  /** Routes commands, clicks and form submissions to the flow that owns them. */
  dispatcher: Dispatcher;
  /** De-duplication, double clicks, who is acting, the answer for strangers (inbound.ts). */
  inbound: InboundPipeline;
  /** People, identities and channels: for keeping conversation references current. */
  directory: Directory;
  config: { locale: Locale; timeZone: string; defaultMunicipality: string };
  logger: Logger;
  metrics: RuntimeMetrics;
  clock: Clock;
}
