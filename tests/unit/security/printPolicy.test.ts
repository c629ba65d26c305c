import { describe, expect, it } from 'vitest';
import { externalUrl, isPrintRequestAllowed, PRINT_PARTITION, printPageUrl, printTokenOf, printWebPreferences, secureWebPreferences } from '../../../electron/main/security/policy';

/** The pure parts of the print window's and the external links' policy (issue 7, promise 5). */
describe('print window policy', () => {
  it('is the main window’s lock-down plus JavaScript off, no preload, its own in-memory session', () => {
    const { preload: _p, spellcheck: _s, ...secure } = secureWebPreferences('/p.cjs');
    const print = printWebPreferences();
    expect(print).toMatchObject({ ...secure, javascript: false, partition: PRINT_PARTITION });
    expect(print).not.toHaveProperty('preload');
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('lets the print page load itself (a running print, over app://) and data: URLs, nothing else', () => {
    const token = '3f2a7c1e-9b4d-4e5f-8a6b-0c1d2e3f4a5b';
    const page = printPageUrl(token);
    expect(page).toBe(`app://quartierswissen/druck/${token}.html`);
    expect(printTokenOf(page)).toBe(token);
    const allowed = (u: string) => isPrintRequestAllowed(u, new Set([token]));
    expect(allowed(page)).toBe(true);
    expect(allowed('data:font/woff2;base64,AAAA')).toBe(true);
    for (const bad of [
      printPageUrl('00000000-0000-4000-8000-000000000000'), // a print that is not running
      `${page}?x=1`,
      `app://quartierswissen/druck/${token}.html/../index.html`,
      `app://quartierswissen/druck/%2e%2e/${token}.html`,
      'app://quartierswissen/index.html',
      `app://evil/druck/${token}.html`,
      'file:///tmp/qw-druck-abc/druck.html',
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
    expect(externalUrl('mailto:buero@example.org?subject=Gr%C3%BC%C3%9Fe aus Kassel')).toBe('mailto:buero@example.org?subject=Gr%C3%BC%C3%9Fe%20aus%20Kassel');
    // Only recipients and subject: no attachment, body or hidden copy reaches the mail program.
    expect(externalUrl('mailto:buero@example.org?attach=/home/u/.ssh/id_rsa&body=geheim&bcc=fremd@example.net')).toBe('mailto:buero@example.org');
    expect(externalUrl('mailto:a@example.org,b@example.org?cc=c@example.org')).toBe('mailto:a@example.org,b@example.org');
    for (const bad of ['http://example.org', 'javascript:alert(1)', 'file:///C:/Windows', 'ms-msdt:x', 'https://u:p@example.org', 'mailto:', '']) {
      expect(externalUrl(bad), bad).toBeNull();
    }
  });
});
