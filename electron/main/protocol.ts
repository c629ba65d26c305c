import { protocol } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, MIME_TYPES, resolveAppFile } from './security/policy';

/** Must run before `app.ready`: app:// behaves like https (secure context, fetch, CORS). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `root` over app://quartierswissen/, with the CSP on every response. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, root, path.join, path.sep);
    if (!file) return new Response('Nicht gefunden', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        headers: {
          'content-type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Nicht gefunden', { status: 404 });
    }
  });
}
