/**
 * Child process of the crash test (tests/integration/durability/crashSafety.test.ts): autosaves
 * edits through the app's real save path until it is killed with SIGKILL. After each save has
 * returned (committed), it prints `ack y <i>` (draft edit) or `ack d <i>` (DocumentStore.update);
 * edit i carries the unique token `[y<cycle>.<i>]` or `[d<cycle>.<i>]`.
 *
 * Argument: one JSON object (ChildArgs). Bundled once per test run with esbuild, run by plain node.
 */
import { mulberry32 } from '../seededRandom';
import { openAutosave } from './autosaveSession';

export interface ChildArgs {
  db: string;
  draft: string;
  doc: string;
  cycle: number;
  seed: number;
  /**
   * Negative control: a "lying" autosave that acknowledges an edit first and writes it 2 s later
   * (as a debounced save would). The harness must report the lost edit.
   */
  ackBeforeSave?: boolean;
}

const FILLER =
  'Der Stadtteilbeirat empfiehlt, die Gemeinwesenarbeit im Quartier dauerhaft zu sichern und die Beteiligung der Nachbarschaft auszubauen. ';

function say(line: string): void {
  // Pipes are written synchronously on Linux: when this returns, the parent can read the line.
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
  const rnd = mulberry32(args.seed);
  const session = openAutosave(args.db, args.draft, { compactAfter: 150, textDebounceMs: 5 });
  const p = session.pragmas();
  say(`ready ${p.synchronous} ${p.journalMode}`);
  if (args.ackBeforeSave) {
    say('ack y 0');
    await new Promise((r) => setTimeout(r, 2000));
    session.type(` [y${args.cycle}.0]`);
  }
  for (let i = args.ackBeforeSave ? 1 : 0; ; i++) {
    const r = rnd();
    if (r < 0.85) {
      session.type(` [y${args.cycle}.${i}]`);
      say(`ack y ${i}`);
    } else if (r < 0.9) {
      // A paste: one larger transaction (up to ~8 KB) that lets the -wal file grow.
      session.paragraph(`[y${args.cycle}.${i}] ${FILLER.repeat(1 + Math.floor(rnd() * 60))}`);
      say(`ack y ${i}`);
    } else if (r < 0.96) {
      session.appendToDocument(args.doc, ` [d${args.cycle}.${i}]`);
      say(`ack d ${i}`);
    } else {
      // A typing pause: the debounced title/search-text refresh (DocumentStore.update) runs.
      await new Promise((res) => setTimeout(res, 2 + Math.floor(rnd() * 15)));
    }
    if (i % 4 === 3) await new Promise((res) => setImmediate(res));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
