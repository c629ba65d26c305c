import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl, resolveAppFile, secureWebPreferences } from '../../../electron/main/security/policy';

describe('security policy', () => {
  it('recognises only the app’s own pages', () => {
    expect(isAppUrl('app://quartierswissen/index.html')).toBe(true);
    expect(isAppUrl('app://quartierswissen.evil.example/index.html')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://quartierswissen/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173.evil.example/', 'http://localhost:5173')).toBe(false);
  });

  it('opens only https and mailto links externally', () => {
    expect(isAllowedExternalUrl('https://wirtschaft.hessen.de/')).toBe(true);
    expect(isAllowedExternalUrl('mailto:buero@example.org')).toBe(true);
    for (const bad of ['http://example.org', 'javascript:alert(1)', 'file:///C:/Windows', 'smb://server/share', 'https://user:pw@example.org', 'data:text/html,x', '']) {
      expect(isAllowedExternalUrl(bad)).toBe(false);
    }
  });

  it('serves files only from inside the renderer folder', () => {
    const root = path.resolve('/srv/renderer');
    const resolve = (u: string) => resolveAppFile(u, root, path.join, path.sep);
    expect(resolve('app://quartierswissen/')).toBe(path.join(root, 'index.html'));
    expect(resolve('app://quartierswissen/assets/index.js')).toBe(path.join(root, 'assets', 'index.js'));
    // The URL parser folds `..` (also encoded) at the root, so these stay inside the folder.
    expect(resolve('app://quartierswissen/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolve('app://quartierswissen/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolve('app://quartierswissen/assets%5c..%5c..%5csecret')).toBeNull();
    expect(resolve('app://quartierswissen/a%00b')).toBeNull();
    expect(resolve('app://andere/index.html')).toBeNull();
  });

  it('keeps the window locked down', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:/);
  });
});
