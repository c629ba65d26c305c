/**
 * The app's security policy as plain data and pure functions, so tests can check it without an
 * Electron binary (ARCHITECTURE §1, Electron security checklist). No `electron` import here.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'quartierswissen';
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}/`;

// SECURITY: nothing remote, no inline scripts, no plugins; styles inline allowed for React style props.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** webPreferences of every window; the checklist test compares against this object. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    // SECURITY: off — on Linux Chromium downloads its spell-check dictionaries from Google's
    // servers, and this network reaches none (issue 17); no dictionary ships with the app.
    spellcheck: false,
  } as const;
}

/**
 * An in-memory session of its own for the hidden print window (no `persist:` prefix): its request
 * filter and permission answers then cannot touch the main window's session (in development the
 * main window loads from an http dev server, which a shared filter would cut off).
 */
export const PRINT_PARTITION = 'qw-druck';

/**
 * webPreferences of the hidden print window: the same lock-down as the main window, plus
 * JavaScript off and no preload — the exported HTML is data, never code.
 */
export function printWebPreferences() {
  const { preload: _none, ...secure } = secureWebPreferences('');
  return { ...secure, javascript: false, spellcheck: false, partition: PRINT_PARTITION } as const;
}

/** Path below app://quartierswissen/ under which the print session serves the page being printed. */
export const PRINT_PATH = 'druck';

// SECURITY: the printed page is data: no script, no network, no frames; its fonts and images are
// inline data: URLs and its styles are inline.
export const PRINT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "font-src data:",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The address at which the print session serves the page of one print (`token`: random, per print). */
export function printPageUrl(token: string): string {
  return new URL(`${PRINT_PATH}/${encodeURIComponent(token)}.html`, APP_ORIGIN_URL).href;
}

/** The token of a print page address (app://quartierswissen/druck/TOKEN.html), or null for anything else. */
export function printTokenOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.search || url.username || url.password) return null;
  const m = /^\/druck\/([A-Za-z0-9-]{16,64})\.html$/.exec(url.pathname);
  return m ? m[1]! : null;
}

/**
 * The print page may load itself (a print now running, on the app's own scheme) and inline data:
 * URLs (embedded fonts), nothing else: no network, no local file (issue 17: the print window no
 * longer uses file://, so the file-protocol fuse can be off).
 */
export function isPrintRequestAllowed(raw: string, activeTokens: ReadonlySet<string>): boolean {
  if (/^data:/i.test(raw.trimStart())) {
    try {
      return new URL(raw).protocol === 'data:';
    } catch {
      return false;
    }
  }
  const token = printTokenOf(raw);
  return token !== null && activeTokens.has(token);
}

/**
 * Is this URL one of the app's own pages? `app://quartierswissen/…` in production, the
 * electron-vite dev server in development. Compared by parsed parts, never by string prefix.
 */
export function isAppUrl(raw: string, devServerUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  // WHATWG gives custom schemes an opaque origin ("null"): compare protocol and host instead.
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      const dev = new URL(devServerUrl);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The form in which a link may leave the app: https or mailto only, re-serialised from the parsed
 * URL, so the system gets exactly what was checked (no parser differences between us and the OS
 * handler). Everything else (javascript:, file:, http:, custom schemes, credentials, garbage) is null.
 */
export function externalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return mailtoUrl(url);
  if (url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '') return url.href;
  return null;
}

/**
 * A mailto: link as the system gets it: the recipients and the subject only. SECURITY: `body`,
 * `cc`, `bcc` and client extensions such as `attach` are dropped, so a link in an imported document
 * cannot attach a local file or copy text to a third address (issue 17).
 */
function mailtoUrl(url: URL): string | null {
  const to = url.pathname;
  if (to.length === 0 || /[?#]/.test(to)) return null;
  const subject = url.searchParams.get('subject');
  return `mailto:${to}${subject ? `?subject=${encodeURIComponent(subject)}` : ''}`;
}

/** Only https and mailto links leave the app, opened by the system; everything else is dropped. */
export function isAllowedExternalUrl(raw: string): boolean {
  return externalUrl(raw) !== null;
}

/**
 * Maps a request path under app://quartierswissen/ to a file below `root`, or null when it would
 * leave the folder (traversal, encoded slashes, absolute paths).
 */
export function resolveAppFile(requestUrl: string, root: string, join: (...p: string[]) => string, sep: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const parts = pathname.split('/').filter((p) => p.length > 0);
  if (parts.some((p) => p === '..' || p === '.')) return null;
  const file = join(root, ...(parts.length ? parts : ['index.html']));
  const normalizedRoot = root.endsWith(sep) ? root : root + sep;
  return file.startsWith(normalizedRoot) ? file : null;
}

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};
