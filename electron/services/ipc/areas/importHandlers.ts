import type { importChannels } from '../../../../shared/ipc/areas/import';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

export function importHandlers(_s: Services): AreaHandlers<typeof importChannels> {
  return {};
}
