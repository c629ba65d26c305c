import iconv from 'iconv-lite';
import { AppError } from '../../../../shared/errors';
import type { ReadResult } from './types';

/**
 * Rich Text Format (RTF 1.9.1) as text: one linear pass over the control words, so any input
 * costs time in proportion to its length. Kept: paragraphs, line breaks, tabs, the characters of
 * `\'hh` (in the file's ANSI code page) and `\uN` (with its fallback characters skipped), and
 * the typographic quotes and dashes; skipped: font, colour, style and list tables, pictures,
 * objects, fields' instructions and every `\*` destination. `\title` of the info group is the
 * Info title.
 */
const SKIP_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'pict', 'object', 'themedata',
  'colorschememapping', 'datastore', 'latentstyles', 'xmlnstbl', 'mmathPr', 'fldinst', 'header', 'headerl', 'headerr', 'headerf',
  'footer', 'footerl', 'footerr', 'footerf', 'revtbl', 'filetbl', 'pgdsctbl', 'bkmkstart', 'bkmkend', 'author', 'operator',
  'company', 'subject', 'keywords', 'comment', 'doccomm', 'creatim', 'revtim', 'printim', 'buptim', 'userprops', 'nonshppict', 'shp',
]);

const SYMBOLS: Record<string, string> = {
  par: '\n\n', sect: '\n\n', page: '\n\n', line: '\n', row: '\n', cell: '\t', tab: '\t', emdash: '—', endash: '–', emspace: ' ', enspace: ' ',
  qmspace: ' ', bullet: '•', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', '~': ' ', '-': '', _: '-',
};

const MAX_DEPTH = 200;

export function readRtf(bytes: Buffer): ReadResult {
  const s = bytes.toString('latin1');
  if (!s.startsWith('{\\rtf')) throw new AppError('INVALID_FILE', 'Die Datei ist kein RTF-Dokument (Kopf „{\\rtf“ fehlt).', { reason: 'not-this-format' });
  const cp = /\\ansicpg(\d+)/u.exec(s.slice(0, 2000))?.[1];
  const codepage = cp && iconv.encodingExists(`cp${cp}`) ? `cp${cp}` : 'windows-1252';
  let out = '';
  let title = '';
  let pendingBytes: number[] = [];
  let notes = '';
  const stack: { skip: boolean; uc: number; title: boolean; note: boolean }[] = [];
  let state = { skip: false, uc: 1, title: false, note: false };
  let skipChars = 0;
  const flushBytes = () => {
    if (pendingBytes.length === 0) return;
    const text = iconv.decode(Buffer.from(pendingBytes), codepage);
    pendingBytes = [];
    if (state.title) title += text;
    else if (state.note) notes += text;
    else out += text;
  };
  const emit = (text: string) => {
    flushBytes();
    if (state.skip) return;
    if (state.title) title += text;
    else if (state.note) notes += text;
    else out += text;
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '{') {
      flushBytes();
      if (stack.length >= MAX_DEPTH) throw new AppError('TOO_LARGE', `Das RTF-Dokument ist tiefer als ${MAX_DEPTH} Ebenen verschachtelt.`, { reason: 'too-large' });
      stack.push(state);
      state = { ...state };
      i++;
      // `{\*\dest …}`: an optional destination, skipped — except footnotes, which are kept as notes.
      if (s.startsWith('\\*', i) && !s.startsWith('\\*\\footnote', i)) state.skip = true;
      continue;
    }
    if (c === '}') {
      flushBytes();
      state = stack.pop() ?? state;
      i++;
      continue;
    }
    if (c === '\\') {
      const next = s[i + 1] ?? '';
      if (next === "'") {
        const hex = s.slice(i + 2, i + 4);
        i += 4;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        if (!state.skip && /^[0-9a-fA-F]{2}$/u.test(hex)) pendingBytes.push(parseInt(hex, 16));
        continue;
      }
      if (next === '\\' || next === '{' || next === '}') {
        emit(next);
        i += 2;
        continue;
      }
      const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/u.exec(s.slice(i + 1, i + 48));
      if (!m) {
        const sym = SYMBOLS[next];
        if (sym !== undefined) emit(sym);
        else if (next === '\n' || next === '\r') emit('\n\n');
        i += 2;
        continue;
      }
      i += 1 + m[0].length;
      const word = m[1]!;
      const arg = m[2] === undefined ? null : Number(m[2]);
      if (SKIP_DESTINATIONS.has(word)) state.skip = true;
      else if (word === 'title') state.title = true;
      else if (word === 'footnote') {
        state.note = true;
        if (!state.skip) notes += '\n\n';
      }
      else if (word === 'uc' && arg !== null) state.uc = Math.max(0, Math.min(10, arg));
      else if (word === 'u' && arg !== null) {
        emit(String.fromCharCode(arg < 0 ? arg + 65536 : arg));
        skipChars = state.uc;
      } else if (word === 'bin' && arg !== null) i += Math.max(0, arg);
      else if (SYMBOLS[word] !== undefined) emit(SYMBOLS[word]!);
      continue;
    }
    if (c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (skipChars > 0) {
      skipChars--;
      i++;
      continue;
    }
    // Plain text up to the next control character: one slice, not one step per character.
    let j = i;
    while (j < s.length && s[j] !== '\\' && s[j] !== '{' && s[j] !== '}' && s[j] !== '\r' && s[j] !== '\n') j++;
    if (!state.skip) {
      if (pendingBytes.length === 0 && codepage === 'windows-1252') emit(iconv.decode(Buffer.from(s.slice(i, j), 'latin1'), codepage));
      else for (let k = i; k < j; k++) pendingBytes.push(s.charCodeAt(k) & 0xff);
    }
    i = j;
  }
  flushBytes();
  if (notes.trim()) out += `\n\n${notes.trim().split(/\n{2,}/u).filter((n) => n.trim()).map((n, k) => `[${k + 1}] ${n.trim()}`).join('\n\n')}`;
  // Line by line, not /[ \t]+\n/: that regex is quadratic on long runs of blanks (issue 17 §2).
  const text = out
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  return { text, html: null, infoTitle: title.trim() || null, mediaType: 'application/rtf' };
}
