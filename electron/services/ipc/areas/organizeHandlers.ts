import type { organizeChannels } from '../../../../shared/ipc/areas/organize';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

/** Trash, shelf (pins, recently opened), backlinks and tags: one service call each. */
export function organizeHandlers(s: Services): AreaHandlers<typeof organizeChannels> {
  return {
    'trash.move': ({ ids }) => s.trash.moveToTrash(ids),
    'trash.restore': ({ ids }) => s.trash.restore(ids),
    'trash.list': () => s.trash.list(),
    'trash.purge': ({ ids }) => s.trash.purge(ids),
    'trash.empty': () => s.trash.empty(),
    'shelf.list': () => s.shelf.lists(),
    'shelf.pin': ({ id, pinned }) => s.shelf.setPinned(id, pinned),
    'shelf.opened': ({ id }) => s.shelf.markOpened(id),
    'documents.backlinks': ({ id }) => s.shelf.backlinks(id),
    'tags.list': () => s.tags.list(),
    'tags.rename': ({ from, to }) => s.tags.rename(from, to),
    'tags.merge': ({ names, into }) => s.tags.merge(names, into),
  };
}
