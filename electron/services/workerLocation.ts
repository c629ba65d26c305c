import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Where a worker's code is (`name`, a file beside the module `callerUrl`): the TypeScript file
 * under tsx/vitest, run through tsx's loader, or `name.js` beside the bundled main entry in the
 * app (electron.vite.config.ts builds each worker as an entry of its own).
 */
export function workerLocation(callerUrl: string, name: string): { url: URL; execArgv: string[] } {
  if (callerUrl.endsWith('.ts')) {
    const tsx = createRequire(callerUrl).resolve('tsx');
    return { url: new URL(`./${name}.ts`, callerUrl), execArgv: ['--import', pathToFileURL(tsx).href] };
  }
  const file = ['.', `${name}.js`].join('/'); // not a static asset reference for the bundler
  return { url: new URL(file, callerUrl), execArgv: [] };
}
