/**
 * Shared pieces of the fuzz tests (issue 7, promise 4): the seed, a timeout that turns a hang into
 * a failed property, byte mutators for files, and the check that an error is one of ours.
 */
import fc from 'fast-check';
import zlib from 'node:zlib';
import { ERROR_CODES, type ErrorCode } from '../../shared/errors';

/**
 * Fixed by default so CI runs the same inputs every time (a failure reproduces); `QW_FUZZ_SEED`
 * picks other inputs, `QW_FUZZ_RUNS` multiplies the number of runs for a longer local session.
 */
export const FUZZ_SEED = Number(process.env.QW_FUZZ_SEED ?? 20_240_707);
const RUN_FACTOR = Math.max(0.1, Number(process.env.QW_FUZZ_RUNS ?? 1));
export const runs = (n: number): number => Math.max(1, Math.round(n * RUN_FACTOR));

/** fast-check parameters: the seed, runs, and the seed/path printed on failure. */
export function fuzzParams<T>(numRuns: number, offset = 0): fc.Parameters<T> {
  return { seed: FUZZ_SEED + offset, numRuns: runs(numRuns), endOnFailure: false, verbose: 1 };
}

export class Hang extends Error {
  constructor(label: string, ms: number) {
    super(`${label}: keine Antwort nach ${ms} ms (Hänger)`);
    this.name = 'Hang';
  }
}

/**
 * Resolves or rejects like `work`, or rejects with `Hang` after `ms`. A synchronous hang cannot be
 * interrupted this way, so the elapsed time is checked afterwards too.
 */
export async function withinTime<T>(label: string, ms: number, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      Promise.resolve().then(work),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Hang(label, ms)), ms);
      }),
    ]);
    const took = performance.now() - started;
    if (took > ms) throw new Hang(label, Math.round(took));
    return result;
  } finally {
    clearTimeout(timer);
  }
}

const KNOWN = new Set<string>(ERROR_CODES);

/**
 * An error a person may see: a known code that is not INTERNAL (INTERNAL means an exception no
 * layer turned into a typed error) and a German message. Returns what is wrong, or null.
 */
export function typedErrorProblem(error: { code?: unknown; message?: unknown } | undefined): string | null {
  if (!error || typeof error !== 'object') return 'kein Fehlerobjekt';
  if (typeof error.code !== 'string' || !KNOWN.has(error.code)) return `unbekannter Code ${String(error.code)}`;
  if ((error.code as ErrorCode) === 'INTERNAL') return `INTERNAL: ${String(error.message)}`;
  if (typeof error.message !== 'string' || error.message.trim() === '') return 'leere Meldung';
  if (!looksGerman(error.message)) return `Meldung nicht deutsch: ${error.message.slice(0, 200)}`;
  return null;
}

/**
 * German, as far as a test can tell without a dictionary: the message starts with words of our
 * own wording (details from libraries may follow after a colon, in their language).
 */
const GERMAN_WORDS =
  /\b(?:die|der|das|den|dem|des|ist|sind|nicht|kein|keine|keinen|ein|eine|einen|wird|wurde|wurden|werden|oder|und|mit|für|zu|zum|zur|auf|über|nach|ungültig\w*|unbekannt\w*|fehlt|leer|höchstens|beschädigt|datei|zeile|eingabe|erwartet|bitte|gibt|darf|muss|hier|nur|noch|als)\b/iu;
export function looksGerman(message: string): boolean {
  const head = message.split(/:\s/u)[0]!.slice(0, 300);
  return GERMAN_WORDS.test(head) || /[äöüßÄÖÜ„“–]/u.test(head);
}

// ---------------------------------------------------------------------------------------------
// Byte mutations

export type ByteMutation =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'zero'; at: number; length: number };

/** Positions are fractions of the length, so one mutation fits any file. */
const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: frac, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('set' as const), at: frac, value: fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x0a, 0x25, 0x3c, 0x22, 0x5c).chain((v) => fc.oneof(fc.constant(v), fc.integer({ min: 0, max: 255 }))) }),
  fc.record({ op: fc.constant('truncate' as const), at: frac }),
  fc.record({ op: fc.constant('insert' as const), at: frac, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ op: fc.constant('delete' as const), at: frac, length: fc.integer({ min: 1, max: 256 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: frac, length: fc.integer({ min: 1, max: 512 }), to: frac }),
  fc.record({ op: fc.constant('zero' as const), at: frac, length: fc.integer({ min: 1, max: 64 }) }),
);

export function applyMutation(input: Buffer, m: ByteMutation): Buffer {
  const n = input.length;
  const at = Math.floor(m.at * n);
  switch (m.op) {
    case 'flip': {
      if (n === 0) return input;
      const out = Buffer.from(input);
      out[at] = out[at]! ^ (1 << m.bit);
      return out;
    }
    case 'set': {
      if (n === 0) return input;
      const out = Buffer.from(input);
      out[at] = m.value;
      return out;
    }
    case 'truncate':
      return input.subarray(0, at);
    case 'insert':
      return Buffer.concat([input.subarray(0, at), m.bytes, input.subarray(at)]);
    case 'delete':
      return Buffer.concat([input.subarray(0, at), input.subarray(at + m.length)]);
    case 'duplicate': {
      const piece = input.subarray(at, at + m.length);
      const to = Math.floor(m.to * n);
      return Buffer.concat([input.subarray(0, to), piece, input.subarray(to)]);
    }
    case 'zero': {
      const out = Buffer.from(input);
      out.fill(0, at, Math.min(n, at + m.length));
      return out;
    }
  }
}

export const mutations = fc.array(byteMutation, { minLength: 1, maxLength: 6 });
export const mutate = (input: Buffer, ms: ByteMutation[]): Buffer => ms.reduce(applyMutation, input);

// ---------------------------------------------------------------------------------------------
// Format-aware corruption: the structures parsers trust most.

/** Overwrites one field of a ZIP's end-of-central-directory or of a central directory entry. */
export const zipCorruption = fc.record({
  where: fc.constantFrom('eocd-count', 'eocd-size', 'eocd-offset', 'cen-sizes', 'cen-offset', 'cen-namelen', 'cen-method', 'local-sig'),
  entry: fc.nat(20),
  value: fc.oneof(fc.constantFrom(0, 1, 0xffff, 0xffffffff, 0x7fffffff), fc.nat()),
});
export type ZipCorruption = typeof zipCorruption extends fc.Arbitrary<infer T> ? T : never;

export function corruptZip(zip: Buffer, c: ZipCorruption): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return out;
  const cens: number[] = [];
  for (let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) cens.push(p);
  const cen = cens.length ? cens[c.entry % cens.length]! : null;
  const u16 = c.value & 0xffff;
  const u32 = c.value >>> 0;
  switch (c.where) {
    case 'eocd-count':
      out.writeUInt16LE(u16, eocd + 8);
      out.writeUInt16LE(u16, eocd + 10);
      break;
    case 'eocd-size':
      out.writeUInt32LE(u32, eocd + 12);
      break;
    case 'eocd-offset':
      out.writeUInt32LE(u32, eocd + 16);
      break;
    case 'cen-sizes':
      if (cen !== null) {
        out.writeUInt32LE(u32, cen + 20);
        out.writeUInt32LE((u32 * 7) >>> 0, cen + 24);
      }
      break;
    case 'cen-offset':
      if (cen !== null) out.writeUInt32LE(u32, cen + 42);
      break;
    case 'cen-namelen':
      if (cen !== null) out.writeUInt16LE(u16, cen + 28);
      break;
    case 'cen-method':
      if (cen !== null) out.writeUInt16LE(u16 % 100, cen + 10);
      break;
    case 'local-sig': {
      const locals: number[] = [];
      for (let p = out.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])); p >= 0; p = out.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), p + 4)) locals.push(p);
      if (locals.length) out.writeUInt32LE(u32, locals[c.entry % locals.length]!);
      break;
    }
  }
  return out;
}

/** Breaks a PDF's cross-reference table, trailer, startxref or a stream length. */
export const pdfCorruption = fc.record({
  where: fc.constantFrom('xref-offset', 'xref-count', 'startxref', 'length', 'root', 'drop-xref', 'size', 'nested'),
  pick: fc.nat(50),
  value: fc.oneof(fc.constantFrom(0, 1, -1, 999_999_999, 2 ** 31), fc.integer({ min: -10, max: 100_000 })),
});
export type PdfCorruption = typeof pdfCorruption extends fc.Arbitrary<infer T> ? T : never;

export function corruptPdf(pdf: Buffer, c: PdfCorruption): Buffer {
  let s = pdf.toString('latin1');
  const v = String(c.value);
  switch (c.where) {
    case 'xref-offset': {
      const rows = [...s.matchAll(/^(\d{10}) (\d{5}) n $/gmu)];
      const row = rows.length ? rows[c.pick % rows.length]! : null;
      if (row) s = s.slice(0, row.index) + String(Math.abs(c.value) % 1e10).padStart(10, '0') + s.slice(row.index! + 10);
      break;
    }
    case 'xref-count':
      s = s.replace(/^xref\n0 \d+/mu, `xref\n0 ${v}`);
      break;
    case 'startxref':
      s = s.replace(/startxref\n\d+/u, `startxref\n${v}`);
      break;
    case 'length': {
      const lengths = [...s.matchAll(/\/Length \d+/gu)];
      const l = lengths.length ? lengths[c.pick % lengths.length]! : null;
      if (l) s = s.slice(0, l.index) + `/Length ${v}` + s.slice(l.index! + l[0].length);
      break;
    }
    case 'root':
      s = s.replace(/\/Root \d+ 0 R/u, `/Root ${v} 0 R`);
      break;
    case 'drop-xref':
      s = s.replace(/xref\n[\s\S]*?trailer/u, 'trailer');
      break;
    case 'size':
      s = s.replace(/\/Size \d+/u, `/Size ${v}`);
      break;
    case 'nested':
      // A self-referencing page tree: /Kids pointing at the Pages object itself.
      s = s.replace(/\/Kids \[[^\]]*\]/u, '/Kids [2 0 R 2 0 R]');
      break;
  }
  return Buffer.from(s, 'latin1');
}

/** Breaks a gzip member: CRC32 or ISIZE in the trailer, the header flags, or the deflate body. */
export const gzipCorruption = fc.record({
  where: fc.constantFrom('crc', 'isize', 'flags', 'method', 'body', 'cut-trailer', 'concat-garbage'),
  value: fc.nat(),
  at: frac,
});
export type GzipCorruption = typeof gzipCorruption extends fc.Arbitrary<infer T> ? T : never;

export function corruptGzip(gz: Buffer, c: GzipCorruption): Buffer {
  const out = Buffer.from(gz);
  switch (c.where) {
    case 'crc':
      out.writeUInt32LE(c.value >>> 0, out.length - 8);
      return out;
    case 'isize':
      out.writeUInt32LE(c.value >>> 0, out.length - 4);
      return out;
    case 'flags':
      out[3] = c.value & 0xff;
      return out;
    case 'method':
      out[2] = c.value & 0xff;
      return out;
    case 'body': {
      const at = 10 + Math.floor(c.at * Math.max(1, out.length - 18));
      out[at] = out[at]! ^ (1 + (c.value % 255));
      return out;
    }
    case 'cut-trailer':
      return out.subarray(0, out.length - 1 - (c.value % 8));
    case 'concat-garbage':
      return Buffer.concat([out, Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(c.value % 40, 0xab)]);
  }
}

/** The same text in another encoding: what a mislabelled or exotic file looks like. */
export const textEncoding = fc.constantFrom('utf8-bom', 'utf16le', 'utf16be', 'utf16le-nobom', 'latin1', 'cp1252-mixed', 'utf8-cut');
export type TextEncodingVariant = typeof textEncoding extends fc.Arbitrary<infer T> ? T : never;

export function reencode(text: string, enc: TextEncodingVariant): Buffer {
  const utf16be = (t: string) => {
    const le = Buffer.from(t, 'utf16le');
    for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return le;
  };
  switch (enc) {
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]);
    case 'utf16le-nobom':
      return Buffer.from(text, 'utf16le');
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'cp1252-mixed':
      // Half UTF-8, half single-byte: a file edited in two programs.
      return Buffer.concat([Buffer.from(text.slice(0, text.length / 2), 'utf8'), Buffer.from(text.slice(text.length / 2), 'latin1')]);
    case 'utf8-cut': {
      const b = Buffer.from(text, 'utf8');
      const i = b.findIndex((x) => x >= 0xc0);
      return i >= 0 ? Buffer.concat([b.subarray(0, i + 1), b.subarray(i + 2)]) : b;
    }
  }
}

export const gzip = (b: Buffer): Buffer => zlib.gzipSync(b);
