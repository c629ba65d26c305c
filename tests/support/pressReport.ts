/**
 * Prints the quote figures of one annotated folder: `npx tsx tests/support/pressReport.ts [dir] [--errors]`.
 * Used to measure the frozen blind sets once (before and after a change to the rules).
 */
import path from 'node:path';
import { evaluatePress, PRESS_FIXTURES } from './pressEval';

const args = process.argv.slice(2);
const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? PRESS_FIXTURES);
const e = evaluatePress('all', dir);
console.log(
  `${path.relative(process.cwd(), dir)}: ${e.documents} Texte, ${e.gold} Zitate, ${e.predicted} gefunden, ${e.correct} richtig – ` +
    `P=${e.precision.toFixed(3)} R=${e.recall.toFixed(3)} Rolle ${e.roleAccuracy.toFixed(3)} Organisation ${e.organisationAccuracy.toFixed(3)} ` +
    `(Erkennung P=${e.detectionPrecision.toFixed(3)} R=${e.detectionRecall.toFixed(3)})`,
);
if (args.includes('--errors')) for (const err of e.errors) console.log(`  ${err}`);
