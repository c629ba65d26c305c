import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs once before the vitest run: builds the CLI (bin/build-cli.mjs, ~1 s) from the sources as
 * they are, so every test that spawns `bin/quartierswissen.mjs` runs the bundled CLI users get,
 * never a stale one, and no test pays for a rebuild.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'bin', 'build-cli.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  // Built from the sources of this run: the CLIs the tests spawn need not compare them again.
  process.env.QW_CLI_NO_REBUILD = '1';
}
