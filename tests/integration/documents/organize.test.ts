import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/createServices';
import { MemoryEventSink, silentLogger } from '../../../electron/services/ports';
import { expectAppError } from '../../support/expectAppError';
import { REPO_ROOT, tempDir } from '../../support/testLibrary';

/** Issue 15: pinned and recently opened documents, backlinks, the tag view, the status. */

let services: Services | null = null;
let dir: string | null = null;
afterEach(() => {
  services?.close();
  services = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function library(): Services {
  dir = tempDir('qw-ordnen-');
  // Each reading of the clock one second later: "last opened" never ties.
  let t = Date.parse('2026-03-01T09:00:00.000Z');
  const dbPath = path.join(dir, 'bibliothek.sqlite');
  return (services = createServices(
    {
      paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
      events: new MemoryEventSink(),
      clock: { now: () => new Date((t += 1000)) },
      logger: silentLogger,
    },
    { dbPath, appVersion: '0.0.0-test', search: { debounceMs: 5 } },
  ));
}

const cite = (documentId: string) => ({ type: 'citation', attrs: { documentId, kind: 'press_release', speaker: 'Jung', title: 'PM', date: '' } });

describe('pins and recently opened', () => {
  it('pins and unpins, lists the last opened first, never touches updated_at, forgets trashed ones', () => {
    const s = library();
    const a = s.documents.create({ kind: 'note', title: 'A', bodyText: 'a' });
    const b = s.documents.create({ kind: 'note', title: 'B', bodyText: 'b' });
    const c = s.documents.create({ kind: 'note', title: 'C', bodyText: 'c' });
    s.shelf.markOpened(a.id);
    s.shelf.markOpened(c.id);
    s.shelf.markOpened(b.id);
    s.shelf.markOpened(a.id);
    s.shelf.setPinned(c.id, true);
    const lists = s.shelf.lists();
    expect(lists.recent.map((r) => r.title)).toEqual(['A', 'B', 'C']);
    expect(lists.pinned.map((r) => r.title)).toEqual(['C']);
    expect(s.documents.get(c.id).pinned).toBe(true);
    expect(s.documents.get(a.id).updatedAt, 'opening is not an edit').toBe(a.updatedAt);
    s.shelf.setPinned(c.id, false);
    expect(s.shelf.pinned()).toEqual([]);
    s.shelf.setPinned(b.id, true);
    s.trash.moveToTrash([b.id]);
    expect(s.shelf.lists()).toEqual({ pinned: [], recent: [expect.objectContaining({ id: a.id }), expect.objectContaining({ id: c.id })] });
    expectAppError(() => s.shelf.setPinned(b.id, true), 'NOT_FOUND');
    expectAppError(() => s.shelf.markOpened('gibt-es-nicht'), 'NOT_FOUND');
    s.trash.restore([b.id]);
    expect(s.documents.get(b.id).pinned, 'a restored document comes back unpinned').toBe(false);
  });
});

describe('backlinks', () => {
  it('lists the drafts citing a document (or its statements) with the number of citations', () => {
    const s = library();
    const press = s.documents.create({ kind: 'press_release', title: 'PM', bodyText: 'Text' });
    const other = s.documents.create({ kind: 'press_release', title: 'Andere', bodyText: 'Text' });
    const twice = s.documents.create({
      kind: 'note',
      title: 'Zweimal',
      content: { type: 'doc', content: [{ type: 'paragraph', content: [cite(press.id), { type: 'text', text: ' und ' }, cite(press.id)] }] },
    });
    const once = s.documents.create({
      kind: 'leitbild',
      title: 'Einmal',
      content: { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [cite(press.id), cite(other.id)] }] }] }] },
    });
    // Names the id only in text: not a citation.
    s.documents.create({ kind: 'note', title: 'Nur Text', content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: press.id }] }] } });
    const links = s.shelf.backlinks(press.id);
    expect(links.map((l) => [l.title, l.citations]).sort()).toEqual([
      ['Einmal', 1],
      ['Zweimal', 2],
    ]);
    expect(s.shelf.backlinks(other.id).map((l) => l.id)).toEqual([once.id]);
    s.trash.moveToTrash([twice.id]);
    expect(s.shelf.backlinks(press.id).map((l) => l.id)).toEqual([once.id]);
    expectAppError(() => s.shelf.backlinks('gibt-es-nicht'), 'NOT_FOUND');
  });
});

describe('tags', () => {
  it('counts, renames, merges (case-insensitive), and the search sees the new names', { timeout: 30_000 }, async () => {
    const s = library();
    const a = s.documents.create({ kind: 'note', title: 'A', bodyText: 'eins', tags: ['Wohnen', 'Mieten'] });
    const b = s.documents.create({ kind: 'note', title: 'B', bodyText: 'zwei', tags: ['wohnraum'] });
    const c = s.documents.create({ kind: 'note', title: 'C', bodyText: 'drei', tags: ['Mieten'] });
    expect(s.tags.list()).toEqual([
      { name: 'Mieten', count: 2 },
      { name: 'Wohnen', count: 1 },
      { name: 'wohnraum', count: 1 },
    ]);
    // Same tag, other spelling.
    expect(s.tags.rename('wohnraum', 'Wohnraum')).toEqual({ name: 'Wohnraum', merged: false, documents: 1 });
    // Onto an existing name: merged.
    expect(s.tags.rename('Wohnraum', 'wohnen')).toEqual({ name: 'wohnen', merged: true, documents: 1 });
    expect(s.tags.list()).toEqual([
      { name: 'Mieten', count: 2 },
      { name: 'Wohnen', count: 2 },
    ]);
    expect(s.documents.get(b.id).tags).toEqual(['Wohnen']);
    expect(s.documents.get(b.id).updatedAt > b.updatedAt, 'reindexed after a restart too').toBe(true);
    // A document with both tags keeps one.
    expect(s.tags.merge(['Mieten'], 'Wohnen')).toEqual({ name: 'Wohnen', documents: 2 });
    expect(s.tags.list()).toEqual([{ name: 'Wohnen', count: 3 }]);
    expect(s.documents.get(a.id).tags).toEqual(['Wohnen']);
    expect(s.documents.list({ tag: 'Wohnen' }).items.map((d) => d.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expectAppError(() => s.tags.rename('Gibt es nicht', 'X'), 'NOT_FOUND');
    expectAppError(() => s.tags.rename('Wohnen', '  '), 'VALIDATION');
    expectAppError(() => s.tags.merge(['Wohnen'], 'wohnen'), 'VALIDATION');
    await s.search.whenIdle();
    const r = await s.search.query({ q: 'eins' });
    expect(r.facets.tags).toEqual([{ value: 'Wohnen', count: 1 }]);
    s.tags.rename('Wohnen', 'Quartier');
    await s.search.whenIdle();
    expect((await s.search.query({ q: 'eins' })).facets.tags).toEqual([{ value: 'Quartier', count: 1 }]);
  });
});

describe('the trash and session dossiers', () => {
  it('a document in the trash is left out of the session dossier, and back in once restored', () => {
    const s = library();
    const a = s.documents.create({ kind: 'press_release', title: 'Bleibt', bodyText: 'x' });
    const b = s.documents.create({ kind: 'press_release', title: 'Im Papierkorb', bodyText: 'y' });
    const session = s.sessions.create({ title: 'Ausschuss' });
    const item = s.sessions.addItem(session.id, { title: 'TOP 1' });
    s.sessions.attachDocument(item.id, a.id);
    s.sessions.attachDocument(item.id, b.id);
    s.trash.moveToTrash([b.id]);
    expect(s.exports.sessionModel(session.id).agenda[0]!.documents.map((d) => d.title)).toEqual(['Bleibt']);
    s.trash.restore([b.id]);
    expect(s.exports.sessionModel(session.id).agenda[0]!.documents.map((d) => d.title)).toEqual(['Bleibt', 'Im Papierkorb']);
  });
});

describe('status', () => {
  it('a Leitbild set to final is exported without the ENTWURF watermark', () => {
    const s = library();
    const d = s.documents.create({ kind: 'leitbild', title: 'Leitbild', bodyText: 'x' });
    expect(s.exports.documentsModel([d.id], undefined).watermark).toBe(true);
    s.documents.update(d.id, { status: 'final' });
    const model = s.exports.documentsModel([d.id], undefined);
    expect(model.status).toBe('final');
    expect(model.watermark).toBe(false);
  });
});
