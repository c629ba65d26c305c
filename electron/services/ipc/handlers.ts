import type { Channel, ChannelOutput, ChannelParsedInput } from '../../../shared/ipc/contract';
import type { Services } from '../createServices';
import { backupHandlers } from './areas/backupHandlers';
import { collabHandlers } from './areas/collabHandlers';
import { coreHandlers } from './areas/coreHandlers';
import { exportHandlers } from './areas/exportHandlers';
import { exportUiHandlers } from './areas/exportUiHandlers';
import { importHandlers } from './areas/importHandlers';
import { searchHandlers } from './areas/searchHandlers';
import { organizeHandlers } from './areas/organizeHandlers';

export type Handler<C extends Channel> = (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
/** One handler per contract entry: a channel without a handler is a compile error. */
export type HandlerTable = { [C in Channel]: Handler<C> };
export type AreaHandlers<Area> = { [C in keyof Area & Channel]: Handler<C> };

export function createHandlers(s: Services): HandlerTable {
  return { ...coreHandlers(s), ...importHandlers(s), ...searchHandlers(s), ...exportHandlers(s), ...exportUiHandlers(s), ...collabHandlers(s), ...backupHandlers(s), ...organizeHandlers(s) };
}
