/**
 * German date forms in press material: „24. November 2026“, „24. Nov. 2026“, „24.11.2026“,
 * „24.11.26“, „2026-11-24“, with optional weekday („Montag, 24. November 2026“) and dateline
 * („Wiesbaden, 9. Mai 2015“). Returns ISO `YYYY-MM-DD` or null; impossible dates are null.
 */

const MONTHS: Record<string, number> = {
  januar: 1, jan: 1, jänner: 1, jän: 1,
  februar: 2, feb: 2, febr: 2,
  märz: 3, mär: 3, mrz: 3,
  april: 4, apr: 4,
  mai: 5,
  juni: 6, jun: 6,
  juli: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10,
  november: 11, nov: 11,
  dezember: 12, dez: 12,
};

const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');

/** Day. Monthname Year (the day's dot may be missing in sloppy text). */
export const LONG_DATE = new RegExp(`\\b(\\d{1,2})\\.?\\s*(${MONTH_NAMES})\\.?\\s+(\\d{4})\\b`, 'iu');
/** dd.mm.yyyy or dd.mm.yy */
export const NUMERIC_DATE = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)/u;
export const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/u;

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null; // 31. Februar
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function twoDigitYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** The first date in `text` in any of the supported forms, with where it was found. */
export function findGermanDate(text: string): { iso: string; index: number; length: number } | null {
  const candidates: { iso: string | null; index: number; length: number }[] = [];
  const long = LONG_DATE.exec(text);
  if (long) {
    candidates.push({
      iso: isoDate(Number(long[3]), MONTHS[long[2]!.toLowerCase()] ?? 0, Number(long[1])),
      index: long.index,
      length: long[0].length,
    });
  }
  const num = NUMERIC_DATE.exec(text);
  if (num) {
    candidates.push({ iso: isoDate(twoDigitYear(num[3]!), Number(num[2]), Number(num[1])), index: num.index, length: num[0].length });
  }
  const iso = ISO_DATE.exec(text);
  if (iso) candidates.push({ iso: isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])), index: iso.index, length: iso[0].length });
  const valid = candidates.filter((c): c is { iso: string; index: number; length: number } => c.iso !== null);
  valid.sort((a, b) => a.index - b.index);
  return valid[0] ?? null;
}

export function parseGermanDate(text: string): string | null {
  return findGermanDate(text)?.iso ?? null;
}

/**
 * A dateline opens a paragraph: „Wiesbaden, 9. Mai 2015 – …“, „Frankfurt am Main, 24.11.2026.“,
 * „Montag, 24. November 2026“ or just the date. Returns the place (if any) and the date.
 */
export function parseDateline(paragraph: string): { place: string | null; iso: string } | null {
  const head = paragraph.slice(0, 120);
  const found = findGermanDate(head);
  if (!found) return null;
  // „Dresden, den 21. April 2026“: the article of the formal date belongs to the date.
  const before = head.slice(0, found.index).trim().replace(/,?\s*\bden$/u, '').replace(/[,(]\s*$/, '').trim();
  const weekday = /^(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)$/iu;
  const label = /^(datum|stand|veröffentlicht(?: am)?|erschienen(?: am)?|pressemitteilung vom|pressemeldung vom|presseinformation vom)\s*:?$/iu;
  if (before === '' || weekday.test(before) || label.test(before)) return { place: null, iso: found.iso };
  // "Ort, Wochentag," or "Ort," before the date: up to five capitalised words (Frankfurt am Main).
  const m = /^(\p{Lu}[\p{L}.-]*(?:\s+(?:am|an der|im|in der|bei|ob der|\p{Lu}[\p{L}.-]*)){0,4})(?:,\s*(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag))?$/u.exec(
    before,
  );
  if (m && !label.test(m[1]!)) return { place: m[1]!.trim(), iso: found.iso };
  return null;
}
