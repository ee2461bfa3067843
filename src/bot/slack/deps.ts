// What every listener receives: the runtime plus the adapter's shared pieces.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import type { Runtime } from '../../runtime.js';
import type { DoubleClickGuard } from '../double-click.js';
import type { SlackDriver } from './driver.js';
import type { SlackIdentities } from './identity.js';

export interface SlackDeps {
  runtime: Runtime;
  client: webApi.WebClient;
  driver: SlackDriver;
  identities: SlackIdentities;
  clicks: DoubleClickGuard;
  logger: Logger;
}
