// Builds every repository the flows need from one Prisma client.
import type { FlowStores } from '../flows/stores.js';
import type { Db } from './client.js';

export function createFlowStores(_db: Db): FlowStores {
  return {};
}
