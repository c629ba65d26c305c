/**
 * SECURITY: the one rule for link targets in draft content (issue 7, promise 3). Only absolute
 * http(s) and mailto URLs are links; javascript:, vbscript:, data:, file:, relative and
 * unparsable targets are not. Read with `new URL()` (ARCHITECTURE §10.6), so case, embedded
 * tabs/newlines and leading control characters cannot disguise a scheme.
 */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** WHATWG URL exists in every runtime we ship (Node, Chromium); shared/ is typed without DOM or Node. */
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => { protocol: string } }).URL;

export function isSafeLinkHref(href: unknown): href is string {
  if (typeof href !== 'string' || href.length > 4000) return false;
  try {
    return SAFE_PROTOCOLS.has(new WhatwgUrl(href).protocol);
  } catch {
    return false;
  }
}

/** A string attribute value that a browser could run or load as a document (any attribute). */
export function hasScriptScheme(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  // Browsers drop ASCII whitespace and control characters inside the scheme before reading it.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
  const squashed = value.replace(/[\u0000-\u0020]+/g, '').toLowerCase();
  return /^(javascript|vbscript|livescript|data):/.test(squashed);
}

const WhatwgUrlFull = (globalThis as unknown as { URL: new (input: string) => { protocol: string; hostname: string; href: string } }).URL;

/**
 * What the link form makes of typed input (issue 15): surrounding space goes, a scheme typed
 * twice (`https://https://…`, also after pasting over the prefilled `https://`) counts once,
 * `www.…`/`example.org/…` gets `https://`, a bare mail address `mailto:`. Returns the link in
 * the form `new URL()` writes it, or null when it is no safe link (isSafeLinkHref) or a web
 * address without a host.
 */
export function normalizeLinkInput(input: string): string | null {
  let s = input.trim();
  if (!s) return null;
  // Repeated scheme prefixes: the last one typed wins (a repeated group captures its last match).
  const prefixes = /^(https?:\/\/|mailto:)+/i.exec(s);
  if (prefixes) s = prefixes[1]!.toLowerCase() + s.slice(prefixes[0].length);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(s)) s = `mailto:${s}`;
    else if (/^[^\s/]+\.[^\s/]+/.test(s)) s = `https://${s}`;
    else return null;
  }
  if (!isSafeLinkHref(s)) return null;
  try {
    const url = new WhatwgUrlFull(s);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && (!url.hostname || !url.hostname.includes('.') && url.hostname !== 'localhost')) return null;
    return url.href;
  } catch {
    return null;
  }
}
