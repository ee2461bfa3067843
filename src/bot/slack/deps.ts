// What every listener receives: the adapter context plus the adapter's shared pieces.
import type { webApi } from '@slack/bolt';
import type { AdapterContext } from '../../core/adapter.js';
import type { Logger } from '../../core/logger.js';
import type { SlackDriver } from './driver.js';

export interface SlackDeps {
  runtime: AdapterContext;
  client: webApi.WebClient;
  driver: SlackDriver;
  logger: Logger;
}
