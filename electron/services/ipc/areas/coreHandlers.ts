import type { coreChannels } from '../../../../shared/ipc/areas/core';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

/** Each handler calls one service method (house rule 4); decisions live in the services. */
export function coreHandlers(s: Services): AreaHandlers<typeof coreChannels> {
  return {
    'app.info': () => s.info(),
    'documents.list': (q) => s.documents.list(q),
    'documents.get': ({ id }) => s.documents.get(id),
    'documents.create': (input) => s.documents.create(input),
    'documents.update': ({ id, patch }) => s.documents.update(id, patch),
    'documents.delete': ({ id }) => s.documents.delete(id),
    'library.stats': () => s.documents.countByKind(),
    'library.loadSample': () => s.sample.load(),
    'settings.get': ({ key }) => s.settings.get(key),
    'settings.set': (entry) => s.settings.set(entry),
  };
}
