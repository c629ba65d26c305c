import type { searchChannels } from '../../../../shared/ipc/areas/search';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

/** Each handler calls one service method (house rule 4). */
export function searchHandlers(s: Services): AreaHandlers<typeof searchChannels> {
  return {
    'search.query': (input) => s.search.query(input),
    'search.quotes': (input) => s.search.quotes(input),
  };
}
