import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewDocument } from '../../../shared/domain/document';
import { AppError } from '../../../shared/errors';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

let lib: TestLibrary;
beforeEach(() => {
  lib = openTestLibrary();
});
afterEach(() => lib.dispose());

const leitbild: NewDocument = {
  kind: 'leitbild',
  title: 'Leitbild Nordstadt',
  date: '2026-03-01',
  content: {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Präambel' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Die Nordstadt bleibt bezahlbar.' }] },
    ],
  },
  tags: ['Wohnen', 'Nordstadt', 'Wohnen'],
};

describe('DocumentStore', () => {
  it('creates, reads, updates and deletes a document, and announces each change', () => {
    const { documents } = lib.services;
    const created = documents.create(leitbild);
    expect(created.id).toMatch(/[0-9a-f-]{36}/);
    expect(created.status).toBe('draft');
    expect(created.bodyText).toBe('Präambel\n\nDie Nordstadt bleibt bezahlbar.');
    expect(created.tags).toEqual(['Nordstadt', 'Wohnen']);

    const updated = documents.update(created.id, { title: 'Leitbild Nordstadt 2030', status: 'final', tags: ['Wohnen'] });
    expect(updated.title).toBe('Leitbild Nordstadt 2030');
    expect(updated.status).toBe('final');
    expect(updated.tags).toEqual(['Wohnen']);
    expect(updated.content).toEqual(leitbild.content);

    expect(documents.get(created.id).title).toBe('Leitbild Nordstadt 2030');
    documents.delete(created.id);
    expect(() => documents.get(created.id)).toThrowError(AppError);
    expect(lib.events.events.map((e) => (e.payload as { reason: string }).reason)).toEqual(['created', 'updated', 'deleted']);
  });

  it('keeps its data across a restart', () => {
    const id = lib.services.documents.create(leitbild).id;
    const again = lib.reopen();
    expect(again.documents.get(id).tags).toEqual(['Nordstadt', 'Wohnen']);
  });

  it('reports NOT_FOUND for unknown ids on get, update and delete', () => {
    const { documents } = lib.services;
    for (const op of [() => documents.get('fehlt'), () => documents.update('fehlt', { title: 'x' }), () => documents.delete('fehlt')]) {
      try {
        op();
        expect.unreachable();
      } catch (err) {
        expect((err as AppError).code).toBe('NOT_FOUND');
      }
    }
  });

  describe('list', () => {
    beforeEach(() => {
      const { documents } = lib.services;
      const docs: NewDocument[] = [
        { kind: 'press_release', title: 'Zuschuss für Spielplatz', date: '2025-05-02' },
        { kind: 'press_release', title: 'Ärztehaus eröffnet', date: '2026-01-10' },
        { kind: 'speech', title: 'Rede zum Quartiersfest', date: null },
        { kind: 'leitbild', title: '„Achtsame Nachbarschaft“', date: '2024-12-31' },
        { kind: 'note', title: 'bürgerbüro', date: '2026-01-10' },
      ];
      for (const d of docs) documents.create(d);
    });

    it('sorts by date, newest first, undated last in both directions', () => {
      const desc = lib.services.documents.list({ sort: 'date', order: 'desc' }).items.map((d) => d.date);
      expect(desc).toEqual(['2026-01-10', '2026-01-10', '2025-05-02', '2024-12-31', null]);
      const asc = lib.services.documents.list({ sort: 'date', order: 'asc' }).items.map((d) => d.date);
      expect(asc).toEqual(['2024-12-31', '2025-05-02', '2026-01-10', '2026-01-10', null]);
    });

    it('sorts titles the German way (umlauts with their base letter, case and quotes ignored)', () => {
      const titles = lib.services.documents.list({ sort: 'title', order: 'asc' }).items.map((d) => d.title);
      expect(titles).toEqual(['„Achtsame Nachbarschaft“', 'Ärztehaus eröffnet', 'bürgerbüro', 'Rede zum Quartiersfest', 'Zuschuss für Spielplatz']);
    });

    it('filters by kind, several kinds and date range, with the total of the filter', () => {
      const { documents } = lib.services;
      expect(documents.list({ kind: 'press_release' }).total).toBe(2);
      expect(documents.list({ kinds: ['speech', 'note'] }).items.map((d) => d.kind).sort()).toEqual(['note', 'speech']);
      expect(documents.list({ dateFrom: '2025-01-01', dateTo: '2025-12-31' }).items.map((d) => d.title)).toEqual(['Zuschuss für Spielplatz']);
    });

    it('pages without gaps or repeats', () => {
      const seen: string[] = [];
      for (let offset = 0; offset < 5; offset += 2) {
        const page = lib.services.documents.list({ sort: 'title', order: 'asc', offset, limit: 2 });
        expect(page.total).toBe(5);
        seen.push(...page.items.map((d) => d.id));
      }
      expect(new Set(seen).size).toBe(5);
    });

    it('filters by tag', () => {
      const { documents } = lib.services;
      const id = documents.list({ kind: 'note' }).items[0]!.id;
      documents.update(id, { tags: ['Bürgerbeteiligung'] });
      expect(documents.list({ tag: 'Bürgerbeteiligung' }).items.map((d) => d.id)).toEqual([id]);
    });
  });
});
