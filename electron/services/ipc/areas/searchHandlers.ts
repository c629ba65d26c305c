import type { searchChannels } from '../../../../shared/ipc/areas/search';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

export function searchHandlers(_s: Services): AreaHandlers<typeof searchChannels> {
  return {};
}
