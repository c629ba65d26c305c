/** Escaping for HTML text and attribute values; every string from the library passes here. */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A string inside a CSS `content: "…"` value (margin boxes carry the running header). */
export function cssString(text: string): string {
  // SECURITY: escape quotes, backslashes and line breaks, and cut "<" so `</style>` cannot end the block.
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\r\n\f]+/g, ' ').replace(/</g, '\\3c ')}"`;
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The href of a link mark, if it is safe to emit: absolute http(s) or mailto only.
 * SECURITY: never emit javascript:, data:, file: or relative links from document content.
 */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 4000) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return null;
  return url.href;
}

/** German date "12. März 2026" from ISO `YYYY-MM-DD` (or a Date); null stays null. */
const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
export function germanDate(value: string | Date | null | undefined): string | null {
  if (!value) return null;
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])}. ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}
