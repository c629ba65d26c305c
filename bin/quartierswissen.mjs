#!/usr/bin/env node
// The `quartierswissen` command: runs the TypeScript CLI through tsx, so it works right after
// `npm install` without a build step.
import { register } from 'tsx/esm/api';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`quartierswissen: Node.js 22 oder neuer wird benötigt (gefunden: ${process.version}).\n`);
  process.exit(1);
}
register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
