// The App Home tab: the dispatcher's home message as a home view (at most 100 blocks).
import type { types } from '@slack/bolt';
import type { Message } from '../../../core/messages.js';
import { fitBlocks, LIMITS, renderBlocks } from './blocks.js';

export function renderHome(m: Message): types.HomeView {
  return { type: 'home', blocks: fitBlocks(renderBlocks(m.blocks), LIMITS.surfaceBlocks) };
}
