/**
 * Formats an ISO calendar date (`YYYY-MM-DD`) for the UI: "24.11.2026" in German. Parsed by hand
 * and formatted in UTC, so no time zone can shift the day.
 */
export function formatIsoDate(iso: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  if (language.startsWith('de')) return `${d}.${m}.${y}`;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}
