/**
 * Rewrites one page content stream as Chromium's Skia/PDF writes it (ISO 32000-1 §7.8.2, §14.6):
 *
 * - Page furniture — the running header and footer (CSS margin boxes), page numbers and the
 *   ENTWURF watermark — is painted outside every marked-content sequence, because Chromium leaves
 *   what is not in the accessibility tree untagged. Each untagged text object, painted path and
 *   XObject becomes an `/Artifact` (PDF/UA-1 §7.1: content is either tagged or an artifact).
 * - Every soft hyphen (U+00AD, inserted for German hyphenation) is drawn as a zero-width glyph in
 *   a span with `/ActualText <FEFF00AD>`, so text extraction returns it and search finds
 *   "Zukunfts\u00ADbündnis" but not "Zukunftsbündnis" (issue 11). The span's ActualText becomes
 *   empty; and the visible hyphen Chromium draws where it broke the line (U+2010, a text object of
 *   its own right after that span) gets ActualText "-", the hyphen every extractor (Poppler's
 *   pdftotext, pdf.js) recognises at a line end and joins the word across.
 *
 * The scanner is linear and never executes anything: it finds operators and their operands as
 * byte ranges and splices text in; everything else is copied as it is.
 */

/**
 * Only what can hide an operator is matched — strings, hex strings (their digits a–f are no
 * operators), names, comments — and operator words; numbers, whitespace and brackets are skipped
 * by the global search itself. An operator's operands are the text since the previous operator.
 */
const SCAN = /<[0-9A-Fa-f\s]*>|\((?:\\[\s\S]|[^\\()]|\((?:\\[\s\S]|[^\\()])*\))*\)|\/[^\s/[\]()<>{}%]*|%[^\r\n]*|[A-Za-z'"*][A-Za-z0-9'"*]*/g;
const WORD_START = /[A-Za-z'"*]/;

interface Op {
  op: string;
  /** Start of the first operand (or of the operator if it has none). */
  start: number;
  end: number;
  /** Raw operand text (for BDC: the tag and properties). */
  operands: string;
  /** A text-showing operator right after a soft-hyphen span: maybe the hyphen of a line break. */
  lineHyphenCandidate?: boolean;
}

function* operators(src: string): Generator<Op> {
  SCAN.lastIndex = 0;
  let prevEnd = 0;
  for (let m = SCAN.exec(src); m; m = SCAN.exec(src)) {
    const t = m[0];
    if (!WORD_START.test(t[0]!) || t === 'true' || t === 'false' || t === 'null') continue;
    let start = prevEnd;
    while (start < m.index && src.charCodeAt(start) <= 32) start++;
    const end = m.index + t.length;
    yield { op: t, start, end, operands: src.slice(start, m.index) };
    prevEnd = end;
    if (t === 'BI') {
      // Inline image: skip its data up to EI (Chromium does not write them; kept for safety).
      const ei = src.indexOf('EI', end);
      SCAN.lastIndex = prevEnd = ei < 0 ? src.length : ei + 2;
    }
  }
}

const SHOW = new Set(['Tj', 'TJ', "'", '"']);
const PATH_BUILD = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const SHY_SPAN = /\/ActualText\s*<\s*feff00ad\s*>/i;

export interface ContentRewrite {
  content: string;
  artifacts: number;
  softHyphens: number;
  lineHyphens: number;
}

/** One page's content (latin1 string of the decoded stream) → the rewritten content. */
export function rewriteContent(src: string): ContentRewrite {
  const inserts: { at: number; text: string; remove?: number }[] = [];
  let mc = 0;
  let artifacts = 0;
  let softHyphens = 0;
  let lineHyphens = 0;
  // Text object state.
  let btStart = -1;
  let btAtDepth0 = false;
  let btTagged = false;
  let btShows: Op[] = [];
  let lastShowWasShy = false;
  let shyDepth = -1;
  // Path state.
  let pathStart = -1;

  const wrapArtifact = (from: number, to: number) => {
    inserts.push({ at: from, text: '/Artifact BMC\n' }, { at: to, text: '\nEMC' });
    artifacts++;
  };

  for (const o of operators(src)) {
    switch (o.op) {
      case 'BDC':
      case 'BMC':
        mc++;
        if (btStart >= 0 && btAtDepth0) btTagged = true;
        if (o.op === 'BDC' && SHY_SPAN.test(o.operands)) {
          const m = SHY_SPAN.exec(o.operands)!;
          inserts.push({ at: o.start + m.index, text: '/ActualText <FEFF>', remove: m[0].length });
          softHyphens++;
          shyDepth = mc;
        }
        break;
      case 'EMC':
        if (mc === shyDepth) {
          lastShowWasShy = true;
          shyDepth = -1;
        }
        mc = Math.max(0, mc - 1);
        break;
      case 'BT':
        btStart = o.start;
        btAtDepth0 = mc === 0;
        btTagged = false;
        btShows = [];
        break;
      case 'ET': {
        if (btStart >= 0 && btAtDepth0 && mc === 0 && !btTagged && btShows.length > 0) wrapArtifact(btStart, o.end);
        else if (btShows.length === 1 && btShows[0]!.lineHyphenCandidate && /^<[0-9A-Fa-f]{4}>\s*$/.test(btShows[0]!.operands)) {
          // The visible hyphen at a line break: extracted as "-" so the word is joined.
          const s = btShows[0]!;
          inserts.push({ at: s.start, text: '/Span <</ActualText <FEFF002D>>> BDC\n' }, { at: s.end, text: '\nEMC' });
          lineHyphens++;
        }
        btStart = -1;
        btShows = [];
        break;
      }
      default:
        if (SHOW.has(o.op)) {
          o.lineHyphenCandidate = lastShowWasShy && shyDepth < 0;
          lastShowWasShy = false;
          btShows.push(o);
        } else if (PATH_BUILD.has(o.op)) {
          if (pathStart < 0) pathStart = o.start;
        } else if (PATH_PAINT.has(o.op) || o.op === 'n') {
          if (pathStart >= 0 && mc === 0 && o.op !== 'n' && btStart < 0) wrapArtifact(pathStart, o.end);
          pathStart = -1;
        } else if ((o.op === 'Do' || o.op === 'sh') && mc === 0 && btStart < 0) {
          wrapArtifact(o.start, o.end);
        }
    }
  }
  if (inserts.length === 0) return { content: src, artifacts, softHyphens, lineHyphens };
  inserts.sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const ins of inserts) {
    out += src.slice(pos, ins.at) + ins.text;
    pos = ins.at + (ins.remove ?? 0);
  }
  out += src.slice(pos);
  return { content: out, artifacts, softHyphens, lineHyphens };
}
