import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Quartierswissen';
export const LIBRARY_FILE_NAME = 'bibliothek.sqlite';

/**
 * The same folder Electron's `app.getPath('userData')` gives the app, so the CLI and the app open
 * the same library by default.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  let appData: string;
  if (platform === 'win32') appData = env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') appData = path.join(home, 'Library', 'Application Support');
  else appData = env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  return path.join(appData, PRODUCT_NAME);
}

/** `--db` beats `QW_DB` beats the user-data folder. */
export function resolveLibraryPath(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.QW_DB) return path.resolve(env.QW_DB);
  return path.join(defaultUserDataDir(env), LIBRARY_FILE_NAME);
}
