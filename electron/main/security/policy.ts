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
    spellcheck: true,
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

/**
 * The print page may load its own temporary file (below `printDir`) and inline data: URLs
 * (embedded fonts), nothing else: no network, no other local file.
 */
export function isPrintRequestAllowed(raw: string, printDir: string, fileUrlToPath: (url: URL) => string, sep: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'data:') return true;
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false;
  let file: string;
  try {
    file = fileUrlToPath(url);
  } catch {
    return false;
  }
  const dir = printDir.endsWith(sep) ? printDir : printDir + sep;
  return file.startsWith(dir) && !file.slice(dir.length).split(sep).includes('..');
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
  if (url.protocol === 'mailto:') return url.pathname.length > 0 ? url.href : null;
  if (url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '') return url.href;
  return null;
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
