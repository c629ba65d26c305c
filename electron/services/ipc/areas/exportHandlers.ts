import type { exportChannels } from '../../../../shared/ipc/areas/export';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

/** Sessions (agenda, attached documents) and exports; each handler calls one service method. */
export function exportHandlers(s: Services): AreaHandlers<typeof exportChannels> {
  return {
    'sessions.list': () => s.sessions.list(),
    'sessions.get': ({ id }) => s.sessions.get(id),
    'sessions.create': (input) => s.sessions.create(input),
    'sessions.update': ({ id, patch }) => s.sessions.update(id, patch),
    'sessions.delete': ({ id }) => s.sessions.delete(id),
    'sessions.addItem': ({ sessionId, item }) => s.sessions.addItem(sessionId, item),
    'sessions.updateItem': ({ itemId, patch }) => s.sessions.updateItem(itemId, patch),
    'sessions.removeItem': ({ itemId }) => s.sessions.removeItem(itemId),
    'sessions.reorderItems': ({ sessionId, itemIds }) => s.sessions.reorderItems(sessionId, itemIds),
    'sessions.attachDocument': ({ itemId, documentId, position }) => s.sessions.attachDocument(itemId, documentId, position),
    'sessions.detachDocument': ({ itemId, documentId }) => s.sessions.detachDocument(itemId, documentId),
    'sessions.reorderDocuments': ({ itemId, documentIds }) => s.sessions.reorderDocuments(itemId, documentIds),
    'export.pdf': (input) => s.exports.pdf(input),
    'export.synopsis': (input) => s.exports.synopsis(input),
    'export.dossiers': ({ sessionId }) => s.exports.dossiers(sessionId),
    'export.regenerate': ({ dossierId, outputPath }) => s.exports.regenerate(dossierId, outputPath),
    'export.docx': ({ id, outputPath }) => s.exports.docx(id, outputPath),
    'export.markdown': ({ id, outputPath }) => s.exports.markdown(id, outputPath),
    'export.html': ({ id, outputPath }) => s.exports.html(id, outputPath),
  };
}
