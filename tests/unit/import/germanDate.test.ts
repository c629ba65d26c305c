import { describe, expect, it } from 'vitest';
import { parseDateline, parseGermanDate } from '../../../shared/press/germanDate';

describe('German dates', () => {
  it.each([
    ['24. November 2026', '2026-11-24'],
    ['24.11.2026', '2026-11-24'],
    ['Wiesbaden, 9. Mai 2015', '2015-05-09'],
    ['am 1. März 2024 um 10 Uhr', '2024-03-01'],
    ['3. Okt. 2025', '2025-10-03'],
    ['05.03.26', '2026-03-05'],
    ['2026-11-24', '2026-11-24'],
    ['Montag, 24. November 2026', '2026-11-24'],
  ])('%s → %s', (text, iso) => expect(parseGermanDate(text)).toBe(iso));

  it('rejects impossible dates and non-dates', () => {
    expect(parseGermanDate('31. Februar 2026')).toBeNull();
    expect(parseGermanDate('32.13.2026')).toBeNull();
    expect(parseGermanDate('Seit 50 Jahren')).toBeNull();
  });

  it('reads place and date of a dateline', () => {
    expect(parseDateline('Wiesbaden, 9. Mai 2015. Das Land Hessen …')).toEqual({ place: 'Wiesbaden', iso: '2015-05-09' });
    expect(parseDateline('Frankfurt am Main, 24.11.2026 – Mit einem Fest …')).toEqual({ place: 'Frankfurt am Main', iso: '2026-11-24' });
    expect(parseDateline('Datum: 05.03.2026')).toEqual({ place: null, iso: '2026-03-05' });
    expect(parseDateline('Die Stadt hat am 9. Mai 2015 beschlossen')).toBeNull();
  });
});
