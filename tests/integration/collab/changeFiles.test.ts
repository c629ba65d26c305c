import { afterEach, describe, expect, it } from 'vitest';
import { peers, type Peer } from './collabKit';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('change files (no server)', () => {
  it('merge exactly like the server: applied twice and out of order, every library ends with the same text', () => {
    const env = peers('anna', 'ben', 'cem');
    cleanups.push(() => env.dispose());
    const [anna, ben, cem] = env.peers as [Peer, Peer, Peer];
    const id = anna.drafts.createDraft({ title: 'Leitbild Weststadt', kind: 'leitbild', template: 'empty' }).id;
    anna.type(id, 'Grundlage.');

    // Anna hands Ben the draft on a stick; then both edit offline.
    const first = anna.services.collab.changes.export(id);
    expect(first.fileName).toMatch(/^Leitbild-Weststadt-.*\.qwaenderungen$/);
    const got = ben.services.collab.changes.import(first.text);
    expect(got).toMatchObject({ documentId: id, created: true, changed: true, title: 'Leitbild Weststadt' });
    expect(ben.text(id)).toBe('Grundlage.');

    anna.type(id, ' Anna: Wohnen.', 'end');
    ben.type(id, 'Ben: Bildung. ', 0);
    ben.drafts.appendParagraph(id, 'Bens Absatz.');
    const fromAnna = anna.services.collab.changes.export(id).text;
    const fromBen = ben.services.collab.changes.export(id).text;

    // Cem gets Ben's newer file first, then Anna's, then Ben's again.
    expect(cem.services.collab.changes.import(fromBen)).toMatchObject({ created: true, changed: true });
    expect(cem.services.collab.changes.import(fromAnna)).toMatchObject({ created: false, changed: true });
    const rows = cem.drafts.log.count(id);
    expect(cem.services.collab.changes.import(fromBen)).toMatchObject({ created: false, changed: false });
    expect(cem.drafts.log.count(id)).toBe(rows);

    // Anna gets Ben's file twice; Ben gets Anna's (and the old first one, late).
    anna.services.collab.changes.import(fromBen);
    anna.services.collab.changes.import(fromBen);
    ben.services.collab.changes.import(fromAnna);
    expect(ben.services.collab.changes.import(first.text).changed).toBe(false);

    const text = anna.text(id);
    expect(ben.text(id)).toBe(text);
    expect(cem.text(id)).toBe(text);
    for (const w of ['Grundlage.', 'Anna:', 'Wohnen.', 'Ben:', 'Bildung.', 'Bens', 'Absatz.']) expect(text).toContain(w);
    expect(cem.services.documents.get(id).bodyText).toBe(text);
  });

  it('rejects files that are not change files', () => {
    const env = peers('anna');
    cleanups.push(() => env.dispose());
    const changes = env.peers[0]!.services.collab.changes;
    expect(() => changes.import('{"hallo": 1}')).toThrow(expect.objectContaining({ code: 'INVALID_FILE' }));
    expect(() => changes.import('kein JSON')).toThrow(expect.objectContaining({ code: 'INVALID_FILE' }));
    const broken = JSON.stringify({
      format: 'quartierswissen-aenderungen', version: 1, documentId: 'x1', title: 'T', kind: 'note', createdAt: '2026-01-01', createdBy: null, update: 'BQECAw==',
    });
    expect(() => changes.import(broken)).toThrow(expect.objectContaining({ code: 'INVALID_FILE' }));
    expect(env.peers[0]!.services.documents.list({}).total).toBe(0);
  });
});
