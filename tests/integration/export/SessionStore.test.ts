import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { silentLogger } from '../../../electron/services/ports';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

let lib: TestLibrary;
let docs: string[];
beforeEach(() => {
  lib = openTestLibrary();
  docs = ['Leitbild Nord', 'Stellungnahme Süd', 'Presse West'].map(
    (title, i) => lib.services.documents.create({ kind: (['leitbild', 'statement', 'press_release'] as const)[i]!, title, bodyText: title }).id,
  );
});
afterEach(() => lib.dispose());

describe('SessionStore', () => {
  it('creates, lists, updates and deletes sessions, and announces each change', () => {
    const { sessions } = lib.services;
    const s = sessions.create({ title: '  Auswahlgremium Juni ', date: '2026-06-18', place: '', committee: 'Auswahlgremium' });
    expect(s).toMatchObject({ title: 'Auswahlgremium Juni', date: '2026-06-18', place: null, status: 'draft', items: [] });
    sessions.create({ title: 'Ohne Datum' });
    expect(sessions.list().map((x) => x.title)).toEqual(['Auswahlgremium Juni', 'Ohne Datum']);
    expect(sessions.update(s.id, { status: 'final', place: 'Rathaus' })).toMatchObject({ status: 'final', place: 'Rathaus' });
    expect(() => sessions.update(s.id, { date: '18.06.2026' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => sessions.create({ title: '   ' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    sessions.delete(s.id);
    expect(() => sessions.get(s.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const reasons = lib.events.events.filter((e) => e.event === 'sessions.changed').map((e) => (e.payload as { reason: string }).reason);
    expect(reasons).toEqual(['created', 'created', 'updated', 'deleted']);
  });

  it('keeps agenda items numbered densely through insert, remove and reorder', () => {
    const { sessions } = lib.services;
    const s = sessions.create({ title: 'Sitzung' });
    const a = sessions.addItem(s.id, { title: 'A' });
    const c = sessions.addItem(s.id, { title: 'C' });
    const b = sessions.addItem(s.id, { title: 'B', position: 1 });
    expect(sessions.get(s.id).items.map((i) => [i.title, i.position])).toEqual([['A', 0], ['B', 1], ['C', 2]]);
    sessions.reorderItems(s.id, [c.id, a.id, b.id]);
    expect(sessions.get(s.id).items.map((i) => i.title)).toEqual(['C', 'A', 'B']);
    expect(() => sessions.reorderItems(s.id, [c.id, a.id])).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => sessions.reorderItems(s.id, [c.id, a.id, a.id])).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    sessions.removeItem(a.id);
    expect(sessions.get(s.id).items.map((i) => [i.title, i.position])).toEqual([['C', 0], ['B', 1]]);
    expect(sessions.updateItem(b.id, { title: 'B neu', description: 'Beschreibung' })).toMatchObject({ title: 'B neu', description: 'Beschreibung' });
  });

  it('attaches, orders and detaches documents; deleting a document or session cleans up', () => {
    const { sessions, documents, db } = lib.services;
    const s = sessions.create({ title: 'Sitzung' });
    const item = sessions.addItem(s.id, { title: 'TOP' });
    sessions.attachDocument(item.id, docs[0]!);
    sessions.attachDocument(item.id, docs[1]!);
    sessions.attachDocument(item.id, docs[2]!, 0);
    expect(sessions.item(item.id).documents.map((d) => d.title)).toEqual(['Presse West', 'Leitbild Nord', 'Stellungnahme Süd']);
    expect(() => sessions.attachDocument(item.id, docs[0]!)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => sessions.attachDocument(item.id, 'fehlt')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    sessions.reorderDocuments(item.id, [docs[1]!, docs[0]!, docs[2]!]);
    expect(sessions.item(item.id).documents.map((d) => d.title)).toEqual(['Stellungnahme Süd', 'Leitbild Nord', 'Presse West']);
    sessions.detachDocument(item.id, docs[0]!);
    documents.delete(docs[2]!);
    expect(sessions.get(s.id).items[0]!.documents.map((d) => d.title)).toEqual(['Stellungnahme Süd']);
    sessions.delete(s.id);
    expect(db.prepare('SELECT count(*) AS n FROM agenda_item_documents').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM agenda_items').get()).toEqual({ n: 0 });
  });

  it('is reachable through the IPC dispatcher with validated inputs', async () => {
    const d = new Dispatcher(createHandlers(lib.services), silentLogger);
    const created = await d.dispatch('sessions.create', { title: 'Per IPC', date: '2026-07-01' });
    expect(created.ok).toBe(true);
    const id = (created as { data: { id: string } }).data.id;
    const item = await d.dispatch('sessions.addItem', { sessionId: id, item: { title: 'TOP 1' } });
    expect(item.ok).toBe(true);
    const itemId = (item as { data: { id: string } }).data.id;
    expect((await d.dispatch('sessions.attachDocument', { itemId, documentId: docs[0] })).ok).toBe(true);
    const bad = await d.dispatch('sessions.reorderItems', { sessionId: id, itemIds: ['x'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const both = await d.dispatch('export.pdf', { sessionId: id, documentIds: [docs[0]], outputPath: '/tmp/x.pdf' });
    expect(both).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const got = await d.dispatch('sessions.get', { id });
    expect(got).toMatchObject({ ok: true, data: { title: 'Per IPC', items: [{ title: 'TOP 1', documents: [{ id: docs[0] }] }] } });
  });
});
