#!/usr/bin/env node
// The `quartierswissen` command: runs the built CLI (out/cli/quartierswissen.js, made by
// bin/build-cli.mjs at `npm install`, `npm run build` and `npm run build:cli`).
//
// In a checkout whose sources changed after that build (or with no build at all) it builds the
// CLI first (esbuild, well under a second) and then runs it. Where esbuild is missing too (an
// install without dev dependencies), it says so and stops: nothing stale runs unnoticed.
import fs from 'node:fs';
import { enableCompileCache } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`quartierswissen: Node.js 22 oder neuer wird benötigt (gefunden: ${process.version}).\n`);
  process.exit(1);
}

// V8's code cache on disk (Node's compile cache, in the temp folder): the second call of a command
// no longer compiles the modules it loads (jsdom, pdf.js … make up most of a command's start).
if (process.env.QW_CLI_NO_COMPILE_CACHE !== '1') enableCompileCache?.();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'out', 'cli', 'quartierswissen.js');
const stamp = path.join(root, 'out', 'cli', 'build.json');
// Sources beside the build (a development checkout): the build must not be older than they are.
const hasSources = fs.existsSync(path.join(root, 'electron', 'cli', 'main.ts'));

let ready = fs.existsSync(stamp) && fs.existsSync(entry);
if (hasSources && process.env.QW_CLI_NO_REBUILD !== '1') {
  const kit = await import('./build-cli.mjs');
  if (!kit.isFresh()) {
    try {
      await kit.buildCli();
      ready = true;
    } catch (err) {
      process.stderr.write(
        `quartierswissen: die Kommandozeile konnte nicht gebaut werden (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). ` +
          '„npm install“ (mit Entwicklungsabhängigkeiten) und „npm run build:cli“ ausführen.\n',
      );
      process.exit(1);
    }
  }
}
if (!ready) {
  process.stderr.write('quartierswissen: out/cli/quartierswissen.js fehlt – „npm run build:cli“ ausführen.\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
