/**
 * Text is normalised once, at import (ARCHITECTURE §4): Unicode NFC, no soft hyphens or
 * zero-width characters, non-breaking spaces as spaces, line breaks as `\n`, typographic quotes
 * kept as they are (they carry meaning for quote extraction: „…“ vs. "…").
 */

// Soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM/zero-width no-break space,
// left-to-right/right-to-left marks and the invisible math operators.
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\u180E]/g;
// No-break space, figure space, narrow no-break space, and the other fixed-width spaces.
const SPACES = /[\u00A0\u2000-\u200A\u2007\u202F\u205F\u3000]/g;
// C0/C1 control characters except tab and line feed (CR is handled before).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export interface NormalizeOptions {
  /** Collapse runs of blank lines to one blank line and trim the text (default true). */
  tidyBlankLines?: boolean;
}

export function normalizeText(input: string, options: NormalizeOptions = {}): string {
  let s = input.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n');
  s = s.replace(INVISIBLE, '').replace(SPACES, ' ').replace(CONTROLS, '');
  // NFC last: removing invisible characters can bring a base letter and its combining mark together.
  s = s.normalize('NFC');
  // Trailing blanks on a line never carry meaning.
  s = stripTrailingBlanks(s);
  if (options.tidyBlankLines !== false) {
    s = s.replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').trimEnd();
  }
  return s;
}

/**
 * Removes spaces and tabs before each line break in one pass. The obvious `/[ \t]+\n/g` is
 * quadratic on a long run of blanks that no line break ends (the engine retries the run from every
 * start position: 80,000 spaces took 2.3 s, issue 17); this scan looks at each character once.
 */
function stripTrailingBlanks(s: string): string {
  let out = '';
  let lineStart = 0;
  for (;;) {
    const nl = s.indexOf('\n', lineStart);
    if (nl < 0) return out + s.slice(lineStart);
    let end = nl;
    while (end > lineStart && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--;
    out += s.slice(lineStart, end) + '\n';
    lineStart = nl + 1;
  }
}

/** Normalises a one-line value (title, name): as `normalizeText`, with all whitespace runs as one space. */
export function normalizeLine(input: string): string {
  return normalizeText(input).replace(/\s+/g, ' ').trim();
}
