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
