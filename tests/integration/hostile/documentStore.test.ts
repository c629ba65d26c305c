import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { silentLogger } from '../../../electron/services/ports';
import type { RichNode } from '../../../shared/domain/document';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

/** Issue 7, promise 3: tiptap JSON and source links reaching the store directly (IPC, CLI). */
const hostileContent: RichNode = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      attrs: { onclick: 'top.__qwPwned=1', textAlign: 'left', src: ' jAvA\tscript:alert(1)' },
      content: [
        { type: 'text', text: 'böse ', marks: [{ type: 'link', attrs: { href: 'javascript:top.__qwPwned=1' } }] },
        { type: 'text', text: 'daten ', marks: [{ type: 'link', attrs: { href: 'data:text/html,<script>top.__qwPwned=1</script>' } }] },
        { type: 'text', text: 'gut', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://example.org/a', onmouseover: 'x()' } }] },
      ],
    },
  ],
};

let lib: TestLibrary | null = null;
afterEach(() => {
  lib?.dispose();
  lib = null;
});

function storedRow(l: TestLibrary, id: string): { content_json: string; source_url: string | null; body_html: string | null } {
  return l.services.db.prepare('SELECT content_json, source_url, body_html FROM documents WHERE id = ?').get(id) as never;
}

describe('what the document store keeps', () => {
  it('drops javascript:/data: links, on* attributes and script-scheme values from tiptap JSON, keeping text and safe links', () => {
    lib = openTestLibrary();
    const doc = lib.services.documents.create({ kind: 'note', title: 'Notiz', content: hostileContent });
    const stored = storedRow(lib, doc.id).content_json;
    expect(stored.toLowerCase()).not.toMatch(/javascript|data:text|onclick|onmouseover|__qwpwned/);
    expect(stored).toContain('https://example.org/a');
    expect(doc.bodyText).toBe('böse daten gut');
    // The same holds for an update.
    lib.services.documents.update(doc.id, { content: hostileContent });
    expect(storedRow(lib, doc.id).content_json.toLowerCase()).not.toContain('javascript');
  });

  it('never stores an unsafe source link, and the window cannot store HTML at all', async () => {
    lib = openTestLibrary();
    const dispatcher = new Dispatcher(createHandlers(lib.services), silentLogger);
    const refused = await dispatcher.dispatch('documents.create', { kind: 'note', title: 'X', sourceUrl: 'javascript:alert(1)' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const html = await dispatcher.dispatch('documents.create', { kind: 'note', title: 'X', bodyHtml: '<a href="javascript:alert(1)">x</a>' });
    expect(html).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const ok = await dispatcher.dispatch('documents.create', { kind: 'note', title: 'X', sourceUrl: 'https://example.org/' });
    expect(ok.ok).toBe(true);
    // Services called directly (CLI, importers) get the same guarantee: the link is dropped.
    const direct = lib.services.documents.create({ kind: 'note', title: 'Y', sourceUrl: 'JaVaScRiPt:alert(1)' });
    expect(storedRow(lib, direct.id).source_url).toBeNull();
    expect(lib.services.db.prepare("SELECT count(*) FROM documents WHERE lower(source_url) LIKE '%javascript%'").pluck().get()).toBe(0);
  });
});
