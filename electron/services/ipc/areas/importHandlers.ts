import type { importChannels } from '../../../../shared/ipc/areas/import';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

/** Each handler calls one service method (house rule 4). */
export function importHandlers(s: Services): AreaHandlers<typeof importChannels> {
  return {
    'import.files': ({ paths, kind }) => s.importer.importPaths(paths, { kind }),
    'import.choose': (input) => s.imports.choose(input),
    'import.data': (input) => s.imports.importData(input),
    'import.cancel': () => s.importer.cancel(),
    'quotes.list': (q) => s.quotes.list(q),
    'quotes.update': (patch) => s.quotes.update(patch),
    'people.list': ({ query }) => s.people.listPeople(query),
    'organisations.list': ({ query }) => s.people.listOrganisations(query),
  };
}
