import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { externalUrl, isPrintRequestAllowed, PRINT_PARTITION, printWebPreferences, secureWebPreferences } from '../../../electron/main/security/policy';

/** The pure parts of the print window's and the external links' policy (issue 7, promise 5). */
describe('print window policy', () => {
  it('is the main window’s lock-down plus JavaScript off, no preload, its own in-memory session', () => {
    const { preload: _p, spellcheck: _s, ...secure } = secureWebPreferences('/p.cjs');
    const print = printWebPreferences();
    expect(print).toMatchObject({ ...secure, javascript: false, partition: PRINT_PARTITION });
    expect(print).not.toHaveProperty('preload');
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('lets the print page load its own folder and data: URLs, nothing else', () => {
    const dir = path.resolve('/tmp/qw-druck-abc');
    const allowed = (u: string) => isPrintRequestAllowed(u, dir, fileURLToPath, path.sep);
    expect(allowed(pathToFileURL(path.join(dir, 'druck.html')).href)).toBe(true);
    expect(allowed('data:font/woff2;base64,AAAA')).toBe(true);
    for (const bad of [
      pathToFileURL(path.resolve('/tmp/qw-druck-abcdef/druck.html')).href, // a sibling with the same prefix
      'file:///tmp/qw-druck-abc/../geheim.txt',
      'file:///tmp/qw-druck-abc/%2e%2e/geheim.txt',
      'file://server/tmp/qw-druck-abc/druck.html',
      'https://example.org/a.css',
      'http://127.0.0.1/',
      'ws://127.0.0.1/',
      'blob:null/1',
      'javascript:1',
      'kein url',
    ]) {
      expect(allowed(bad), bad).toBe(false);
    }
  });
});

describe('external links', () => {
  it('leave the app only as the re-serialised https or mailto URL', () => {
    expect(externalUrl('https://wirtschaft.hessen.de')).toBe('https://wirtschaft.hessen.de/');
    expect(externalUrl(' https://example.org/a b ')).toBe('https://example.org/a%20b');
    expect(externalUrl('mailto:buero@example.org?subject=Hallo')).toBe('mailto:buero@example.org?subject=Hallo');
    for (const bad of ['http://example.org', 'javascript:alert(1)', 'file:///C:/Windows', 'ms-msdt:x', 'https://u:p@example.org', 'mailto:', '']) {
      expect(externalUrl(bad), bad).toBeNull();
    }
  });
});
