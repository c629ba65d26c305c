import type { exportUiChannels } from '../../../../shared/ipc/areas/exportUi';
import type { Services } from '../../createServices';
import type { AreaHandlers } from '../handlers';

/** Export from the window: save dialog, export, open or reveal; each handler calls one service method. */
export function exportUiHandlers(s: Services): AreaHandlers<typeof exportUiChannels> {
  return {
    'export.save': (input) => s.exportUi.save(input),
    'export.reveal': ({ path, action }) => s.exportUi.reveal(path, action),
  };
}
