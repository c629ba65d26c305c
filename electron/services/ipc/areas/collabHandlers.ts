import type { collabChannels } from '../../../../shared/ipc/areas/collab';
import { CollabService } from '../../collab/CollabService';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

const bytes = CollabService.decode;

/** Collaboration channels: each calls one service method (house rule 4). */
export function collabHandlers(s: Services): AreaHandlers<typeof collabChannels> {
  const { drafts, versions, changes, sync } = s.collab;
  return {
    'collab.open': ({ id, clientId }) => drafts.open(id, clientId),
    'collab.update': async ({ id, clientId, update }) => ({ pending: await drafts.applyEditorUpdate(id, bytes(update), clientId) }),
    'collab.awareness': ({ id, clientId, update }) => (drafts.applyAwareness(id, bytes(update), clientId), { ok: true as const }),
    'collab.close': ({ id, clientId, awarenessClientId }) => (drafts.close(id, clientId, awarenessClientId), { ok: true as const }),
    'collab.createDraft': (input) => ({ id: drafts.createDraft(input).id }),
    'collab.findSources': ({ q, limit }) => drafts.findSources(q, limit),
    'collab.exportChanges': ({ id }) => changes.export(id),
    'collab.importChanges': ({ text }) => changes.import(text),
    'collab.settings': () => sync.settingsView(),
    'collab.saveSettings': (input) => sync.saveSettings(input),
    'versions.list': ({ id }) => versions.list(id),
    'versions.create': ({ id, name }) => versions.create(id, name, s.settings.get('collab.userName') || null),
    'versions.restore': ({ id, versionId }) => versions.restore(id, versionId),
    'versions.compare': ({ id, before, after }) => versions.compare(id, before, after),
    'sync.status': () => sync.status(),
  };
}
