/**
 * A small sRGB ICC profile (ICC.1:2001-04, version 2.1, display class, matrix/TRC), computed here
 * from the published definition of sRGB (IEC 61966-2-1: its primaries, D65 white adapted to the
 * PCS's D50 with the Bradford transform, and its transfer function) — so nothing third-party is
 * shipped. PDF/A-1 needs an ICC profile of version ≤ 2 as the document's output intent (ISO
 * 19005-1 §6.2.2); this is the one the PDF/A export embeds.
 */

/** Colorants of sRGB relative to D50 (Bradford-adapted), as every sRGB v2 profile states them. */
const RED = [0.4360747, 0.2225045, 0.0139322] as const;
const GREEN = [0.3850649, 0.7168786, 0.0971045] as const;
const BLUE = [0.1430804, 0.0606169, 0.7141733] as const;
const D50 = [0.9642, 1.0, 0.8249] as const;
const CURVE_POINTS = 1024;

const DESCRIPTION = 'sRGB IEC61966-2.1 (Quartierswissen)';
const COPYRIGHT = 'No copyright, use freely';

function s15Fixed16(v: number): number {
  return Math.round(v * 65536) | 0;
}

function xyzTag(xyz: readonly [number, number, number]): Buffer {
  const b = Buffer.alloc(20);
  b.write('XYZ ', 0, 'latin1');
  xyz.forEach((v, i) => b.writeInt32BE(s15Fixed16(v), 8 + i * 4));
  return b;
}

/** The sRGB transfer function (IEC 61966-2-1 §5.2) as a sampled curve. */
function curveTag(): Buffer {
  const b = Buffer.alloc(12 + CURVE_POINTS * 2);
  b.write('curv', 0, 'latin1');
  b.writeUInt32BE(CURVE_POINTS, 8);
  for (let i = 0; i < CURVE_POINTS; i++) {
    const v = i / (CURVE_POINTS - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    b.writeUInt16BE(Math.round(linear * 65535), 12 + i * 2);
  }
  return b;
}

function descTag(text: string): Buffer {
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  // textDescriptionType: ASCII part, then empty Unicode and ScriptCode parts (ICC.1:2001-04 §6.5.17).
  const b = Buffer.alloc(12 + ascii.length + 4 + 4 + 2 + 1 + 67);
  b.write('desc', 0, 'latin1');
  b.writeUInt32BE(ascii.length, 8);
  ascii.copy(b, 12);
  return b;
}

function textTag(text: string): Buffer {
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  const b = Buffer.alloc(8 + ascii.length);
  b.write('text', 0, 'latin1');
  ascii.copy(b, 8);
  return b;
}

const pad4 = (b: Buffer) => (b.length % 4 === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]));

let cached: Uint8Array | null = null;

export const SRGB_OUTPUT_CONDITION = 'sRGB IEC61966-2.1';

export function srgbIccProfile(): Uint8Array {
  if (cached) return cached;
  const curve = pad4(curveTag());
  const data: [string, Buffer][] = [
    ['desc', pad4(descTag(DESCRIPTION))],
    ['cprt', pad4(textTag(COPYRIGHT))],
    ['wtpt', xyzTag(D50)],
    ['rXYZ', xyzTag(RED)],
    ['gXYZ', xyzTag(GREEN)],
    ['bXYZ', xyzTag(BLUE)],
    ['rTRC', curve],
  ];
  const shared: [string, string][] = [
    ['gTRC', 'rTRC'],
    ['bTRC', 'rTRC'],
  ];
  const count = data.length + shared.length;
  let offset = 128 + 4 + count * 12;
  const table = Buffer.alloc(4 + count * 12);
  table.writeUInt32BE(count, 0);
  const at = new Map<string, [number, number]>();
  const bodies: Buffer[] = [];
  let row = 0;
  for (const [sig, body] of data) {
    at.set(sig, [offset, body.length]);
    table.write(sig, 4 + row * 12, 'latin1');
    table.writeUInt32BE(offset, 8 + row * 12);
    // Size without the alignment padding of text tags is not required; the padded size is valid.
    table.writeUInt32BE(body.length, 12 + row * 12);
    bodies.push(body);
    offset += body.length;
    row++;
  }
  for (const [sig, same] of shared) {
    const [o, l] = at.get(same)!;
    table.write(sig, 4 + row * 12, 'latin1');
    table.writeUInt32BE(o, 8 + row * 12);
    table.writeUInt32BE(l, 12 + row * 12);
    row++;
  }
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0);
  header.writeUInt32BE(0x02100000, 8); // version 2.1.0
  header.write('mntr', 12, 'latin1');
  header.write('RGB ', 16, 'latin1');
  header.write('XYZ ', 20, 'latin1');
  [2026, 1, 1, 0, 0, 0].forEach((v, i) => header.writeUInt16BE(v, 24 + i * 2));
  header.write('acsp', 36, 'latin1');
  header.writeUInt32BE(0, 64); // perceptual
  D50.forEach((v, i) => header.writeInt32BE(s15Fixed16(v), 68 + i * 4));
  cached = new Uint8Array(Buffer.concat([header, table, ...bodies]));
  return cached;
}
