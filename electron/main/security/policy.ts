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

/** Only https and mailto links leave the app, opened by the system; everything else is dropped. */
export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'mailto:') return url.pathname.length > 0;
    return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
  } catch {
    return false;
  }
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
