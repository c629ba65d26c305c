/** „24.11.2026, 14:03 Uhr“ / "24 Nov 2026, 14:03": when a backup's state was taken, local time. */
export function formatBackupTime(iso: string, language: string): string {
  const en = language.startsWith('en');
  const text = new Intl.DateTimeFormat(en ? 'en-GB' : 'de-DE', {
    day: '2-digit',
    month: en ? 'short' : '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return en ? text : `${text} Uhr`;
}

export function formatBytes(bytes: number, language: string): string {
  const nf = new Intl.NumberFormat(language.startsWith('en') ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024 * 1024) return `${nf.format(bytes / 1024 / 1024 / 1024)} GB`;
  if (bytes >= 1024 * 1024) return `${nf.format(bytes / 1024 / 1024)} MB`;
  return `${nf.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}
