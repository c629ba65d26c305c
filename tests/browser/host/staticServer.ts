import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MIME_TYPES } from '../../../electron/main/security/policy';

/** Content types of what the renderer build contains (the app's protocol serves the same); anything else is not served. */
const CONTENT_TYPES = MIME_TYPES;

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built renderer folder read-only on loopback: GET/HEAD of files inside the folder with
 * their content type, nothing else (no directory listings, no paths outside the folder).
 */
export async function serveStatic(rootDir: string, options: { contentSecurityPolicy?: string } = {}): Promise<StaticServer> {
  const root = path.resolve(rootDir);
  const server = http.createServer((req, res) => {
    const send = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Methode nicht erlaubt');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'Ungültige Adresse');
    }
    if (pathname === '/') pathname = '/index.html';
    const file = path.resolve(root, `.${pathname}`);
    // SECURITY: never leave the served folder.
    if (!file.startsWith(root + path.sep)) return send(403, 'Verboten');
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
    if (!type) return send(404, 'Nicht gefunden');
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) return send(404, 'Nicht gefunden');
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        // The app's own CSP, as app:// sends it in Electron (issue 17: the page must run under it).
        ...(options.contentSecurityPolicy ? { 'Content-Security-Policy': options.contentSecurityPolicy } : {}),
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
