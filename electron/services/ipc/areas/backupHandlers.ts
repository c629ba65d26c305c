import type { backupChannels } from '../../../../shared/ipc/areas/backup';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

/** Backups from the window (Einstellungen → Sicherungen); each handler calls one service method. */
export function backupHandlers(s: Services): AreaHandlers<typeof backupChannels> {
  return {
    'backup.create': () => s.backup.create({ kind: 'manual' }),
    'backup.list': () => s.backup.list(),
    'backup.restore': ({ name }) => s.backup.requestRestore(name),
    'backup.notice': () => s.backup.currentNotice(),
    'backup.dismissNotice': () => s.backup.dismissNotice(),
  };
}
