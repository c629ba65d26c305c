import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { toBase64 } from '../../../shared/editor/base64';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';
import { peers, type Peer } from './collabKit';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function two(): [Peer, Peer, string] {
  const env = peers('anna', 'ben');
  cleanups.push(() => env.dispose());
  return [env.peers[0]!, env.peers[1]!, env.root];
}

describe('drafts owned by main (Yjs in SQLite)', () => {
  it('persists every update as it arrives: a crash right after typing loses nothing', () => {
    const [anna] = two();
    const id = anna.drafts.createDraft({ title: 'Notiz', kind: 'note', template: 'empty' }).id;
    // A renderer's own Y.Doc, kept in step over "IPC" (base64 updates), as the editor does it.
    const editor = new Y.Doc();
    Y.applyUpdate(editor, anna.drafts.stateAsUpdate(id));
    editor.on('update', (u: Uint8Array) => anna.drafts.applyUpdate(id, u, { source: 'editor', clientId: 'fenster-1' }));
    const p = editor.getXmlFragment(DRAFT_FRAGMENT).get(0) as Y.XmlElement;
    const t = new Y.XmlText();
    p.insert(0, [t]);
    for (const ch of 'Kein Wort geht verloren.') t.insert(t.length, ch);
    // No close, no flush: read the file from a second connection, as after a crash.
    const rows = anna.services.db.prepare('SELECT count(*) FROM yjs_updates WHERE document_id = ?').pluck().get(id) as number;
    expect(rows).toBeGreaterThan(20);
    anna.reopen();
    expect(anna.text(id)).toBe('Kein Wort geht verloren.');
    expect(anna.drafts.pending(id)).toBeGreaterThan(20);
  });

  it('compacts the log into one row in a transaction once it passes the threshold; text unchanged', () => {
    const [anna] = two();
    const id = anna.drafts.createDraft({ title: 'Lang', kind: 'note', template: 'empty' }).id;
    for (let i = 0; i < 450; i++) anna.type(id, i % 3 === 2 ? '.' : 'x');
    const rows = anna.drafts.log.count(id);
    expect(rows).toBeLessThanOrEqual(200);
    const before = anna.text(id);
    const result = anna.drafts.compact(id);
    expect(anna.drafts.log.count(id)).toBe(1);
    expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
    anna.reopen();
    expect(anna.text(id)).toBe(before);
  });

  it('compaction keeps rows another process appended meanwhile', () => {
    const [anna, , root] = two();
    const id = anna.drafts.createDraft({ title: 'Geteilt', kind: 'note', template: 'empty' }).id;
    anna.type(id, 'Aus der App.');
    // "The CLI" appends through its own connection to the same file.
    const Other = anna.constructor as typeof Peer;
    const cli = new Other('cli', path.join(root, 'anna'));
    cli.drafts.appendParagraph(id, 'Aus der Kommandozeile.');
    cli.close();
    anna.drafts.compact(id);
    anna.reopen();
    expect(anna.text(id)).toBe('Aus der App.\n\nAus der Kommandozeile.');
  });

  it('seeds a document that predates collaboration once, deterministically (two copies merge without duplicates)', () => {
    const [anna, ben, root] = two();
    const content = { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Präambel' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Alter Text.' }] }, { type: 'iframe', content: [{ type: 'text', text: 'Unbekannter Knoten' }] }] };
    const id = anna.services.documents.create({ kind: 'leitbild', title: 'Altes Leitbild', content }).id;
    anna.close();
    ben.close();
    // Ben gets a copy of the whole library file (e.g. from a USB stick) before anyone edited it.
    fs.copyFileSync(path.join(root, 'anna', 'bibliothek.sqlite'), path.join(root, 'ben', 'bibliothek.sqlite'));
    anna.reopen();
    ben.reopen();
    expect(anna.text(id)).toBe('Präambel\n\nAlter Text.\n\nUnbekannter Knoten');
    anna.type(id, ' Von Anna.', 'end', 1);
    ben.type(id, ' Von Ben.', 'end', 1);
    const merged = (from: Peer, to: Peer) => to.drafts.applyUpdate(id, from.drafts.stateAsUpdate(id), { source: 'file' });
    merged(anna, ben);
    merged(ben, anna);
    expect(anna.text(id)).toBe(ben.text(id));
    expect(anna.text(id).match(/Alter Text/g)).toHaveLength(1);
    expect(anna.text(id)).toContain('Von Anna.');
    expect(anna.text(id)).toContain('Von Ben.');
  });

  it('keeps title, JSON and search text of the document row in step (documents.changed fires)', async () => {
    const [anna] = two();
    const id = anna.drafts.createDraft({ title: 'Vorläufig', kind: 'leitbild', template: 'leitbild' }).id;
    expect(anna.text(id)).toContain('Präambel');
    expect(anna.text(id)).toContain('Indikatoren');
    anna.drafts.setTitle(id, 'Leitbild Südstadt', { source: 'editor', clientId: 'x' });
    anna.type(id, ' Neu im Text.', 'end', 2);
    await new Promise((r) => setTimeout(r, 80));
    const doc = anna.services.documents.get(id);
    expect(doc.title).toBe('Leitbild Südstadt');
    expect(doc.bodyText).toContain('Neu im Text.');
    expect(JSON.stringify(doc.content)).toContain('Neu im Text.');
    const events = (anna.services.ports.events as unknown as { events: { event: string; payload: { ids?: string[] } }[] }).events;
    expect(events.some((e) => e.event === 'documents.changed' && e.payload.ids?.includes(id))).toBe(true);
    expect(events.some((e) => e.event === 'collab.updated')).toBe(true);
  });

  it('refuses non-draft kinds and garbage updates', () => {
    const [anna] = two();
    const press = anna.services.documents.create({ kind: 'press_release', title: 'PM', bodyText: 'Text' }).id;
    expect(() => anna.drafts.get(press)).toThrow(/kein bearbeitbarer Entwurf/);
    const id = anna.drafts.createDraft({ title: 'N', kind: 'note', template: 'empty' }).id;
    expect(() => anna.drafts.applyUpdate(id, new Uint8Array([1, 2, 3, 250, 251]), { source: 'editor', clientId: 'x' })).toThrow();
    expect(toBase64(new Uint8Array([0]))).toBe('AA==');
  });
});

describe('Fassungen', () => {
  it('creates named versions, compares them word by word, restores an old one as a new edit', () => {
    const [anna] = two();
    const { drafts, versions } = { drafts: anna.drafts, versions: anna.services.collab.versions };
    const id = drafts.createDraft({ title: 'Leitbild', kind: 'leitbild', template: 'empty' }).id;
    anna.type(id, 'Das Quartier ist lebendig und solidarisch.');
    const v1 = versions.create(id, 'Entwurf 1');
    const t = drafts.get(id).doc;
    t.transact(() => {
      const text = (t.getXmlFragment(DRAFT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.delete(text.toString().indexOf(' und solidarisch'), ' und solidarisch'.length);
      text.insert(text.length - 1, ' und grün');
    }, { source: 'editor', clientId: 'x' });
    const v2 = versions.create(id, 'Fassung Ressortabstimmung');
    expect(versions.list(id).map((v) => v.name)).toEqual(['Fassung Ressortabstimmung', 'Entwurf 1']);

    const syn = versions.compare(id, v1.id, v2.id);
    expect(syn.segments.filter((s) => s.op === 'removed').map((s) => s.text.trim())).toEqual(['solidarisch']);
    expect(syn.segments.filter((s) => s.op === 'added').map((s) => s.text.trim())).toEqual(['grün']);
    expect(syn.removedWords).toBe(1);
    expect(syn.addedWords).toBe(1);

    const rowsBefore = drafts.log.count(id);
    versions.restore(id, v1.id);
    expect(anna.text(id)).toBe('Das Quartier ist lebendig und solidarisch.');
    // A new edit, not a rewrite: history and both Fassungen are still there.
    expect(drafts.log.count(id)).toBeGreaterThan(rowsBefore);
    expect(versions.list(id)).toHaveLength(2);
    expect(versions.compare(id, v2.id, 'current').addedWords).toBe(1);
  });
});
