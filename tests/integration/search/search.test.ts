import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { silentLogger } from '../../../electron/services/ports';
import type { SearchResult } from '../../../shared/ipc/areas/search';
import { CORPUS_DIR, HAS_CORPUS, openTestLibrary, type TestLibrary } from '../../support/testLibrary';

let lib: TestLibrary | null = null;
afterEach(() => {
  lib?.dispose();
  lib = null;
});

function addPerson(db: Database.Database, docId: string, name: string): string {
  const id = randomUUID();
  db.prepare('INSERT OR IGNORE INTO people (id, name, normalized_name, created_at) VALUES (?, ?, ?, ?)').run(id, name, name.toLowerCase(), new Date().toISOString());
  const pid = db.prepare('SELECT id FROM people WHERE normalized_name = ?').pluck().get(name.toLowerCase()) as string;
  db.prepare('INSERT OR IGNORE INTO document_people (document_id, person_id, relation) VALUES (?, ?, ?)').run(docId, pid, 'speaker');
  return pid;
}

const ids = (r: SearchResult) => r.hits.map((h) => h.id);

describe('search over a real library file', () => {
  it('finds created documents, keeps the index live, and reloads it without a rebuild', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    const d1 = s.documents.create({
      kind: 'press_release',
      title: 'Neues Jugendhaus im Quartier',
      date: '2023-05-04',
      bodyText: 'Die Quartiersentwicklung im Nordend geht weiter: Bürger- und Jugendhäuser öffnen, gefördert nach § 171e BauGB.',
      tags: ['Jugend'],
    });
    const d2 = s.documents.create({
      kind: 'speech',
      title: 'Rede zur Gentrifizierung',
      date: '2021-02-01',
      bodyText: 'Gentrifizierung verdrängt Mieterinnen und Mieter. Das Quartiersmanagement im Quartier hält dagegen.',
    });
    addPerson(s.db, d2.id, 'Leila Mansoori');
    s.documents.update(d2.id, { status: 'final' }); // people joined after creation: re-index
    await s.search.whenIdle();

    expect(ids(await s.search.query({ q: 'Jugendhaus' }))[0]).toBe(d1.id);
    expect(ids(await s.search.query({ q: '§ 171e BauGB' }))).toEqual([d1.id]);
    expect(ids(await s.search.query({ q: 'Mansoori Gentrifizierung' }))).toEqual([d2.id]);
    expect(ids(await s.search.query({ q: 'Quartiersmanagement' }))).toEqual([d2.id]);
    const typo = await s.search.query({ q: 'Gentrifizirung' });
    expect(ids(typo)).toEqual([d2.id]);
    expect(typo.hints).toContainEqual({ code: 'fuzzy', word: 'gentrifizirung' });
    // Umlauts typed as ae/oe/ue, with the snippet marking the word as written.
    const ue = await s.search.query({ q: 'Buerger' });
    expect(ids(ue)).toEqual([d1.id]);
    const hl = ue.hits[0]!.highlights.map(([a, b]) => ue.hits[0]!.snippet.slice(a, b));
    expect(hl).toContain('Bürger');
    // Facets and filters.
    const both = await s.search.query({ q: 'Quartier' });
    expect(both.total).toBe(2);
    expect(both.facets.kinds.map((k) => k.value).sort()).toEqual(['press_release', 'speech']);
    expect(ids(await s.search.query({ q: 'Quartier', filters: { kinds: ['speech'] } }))).toEqual([d2.id]);
    expect(ids(await s.search.query({ q: 'Quartier', filters: { yearFrom: 2022 } }))).toEqual([d1.id]);
    expect(ids(await s.search.query({ q: 'Quartier', filters: { people: ['Leila Mansoori'] } }))).toEqual([d2.id]);
    expect(ids(await s.search.query({ q: 'Quartier', filters: { tags: ['Jugend'] } }))).toEqual([d1.id]);
    // Phrases are checked against the text.
    expect(ids(await s.search.query({ q: '"verdrängt Mieterinnen"' }))).toEqual([d2.id]);
    expect(ids(await s.search.query({ q: '"Mieterinnen verdrängt"' }))).toEqual([]);

    // Edit → findable within a second (no whenIdle: poll as a person would).
    const t0 = Date.now();
    s.documents.update(d1.id, { bodyText: 'Der Spielplatz am Zeppelinbrunnen wird erneuert.' });
    let found: string[] = [];
    while (Date.now() - t0 < 1000) {
      found = ids(await s.search.query({ q: 'Zeppelinbrunnen' }));
      if (found.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(found).toEqual([d1.id]);
    expect(Date.now() - t0).toBeLessThan(1000);
    // The old text is masked by a tombstone.
    expect(ids(await s.search.query({ q: '171e' }))).toEqual([]);
    // Delete → gone.
    s.documents.delete(d2.id);
    await s.search.whenIdle();
    expect(ids(await s.search.query({ q: 'Gentrifizierung' }))).toEqual([]);
    const before = await s.search.stats();
    expect(before.counters.fullBuilds).toBe(1);
    expect(lib.events.events.some((e) => e.event === 'index.updated')).toBe(true);

    // Restart: segments come from SQLite, nothing is rebuilt.
    const s2 = lib.reopen();
    expect(ids(await s2.search.query({ q: 'Zeppelinbrunnen' }))).toEqual([d1.id]);
    const after = await s2.search.whenIdle();
    expect(after.counters.fullBuilds).toBe(0);
    expect(after.counters.merges).toBe(0);
    expect(after.counters.loadedSegments).toBeGreaterThanOrEqual(1);
    expect(ids(await s2.search.query({ q: 'Gentrifizierung' }))).toEqual([]);
  });

  it('reads a compound no document contains as words that some do, even rare ones', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    // "Gentrifizierung" occurs once: too rare for the index's compound vocabulary, which asks a
    // part to recur; the query-time split against the segments' own words still finds it.
    const both = s.documents.create({ kind: 'speech', title: 'Rede im Nordend', bodyText: 'Die Gentrifizierung im Nordend ist ein Prozess, der Mieterinnen verdrängt.' });
    const procedure = s.documents.create({ kind: 'note', title: 'Verfahren', bodyText: 'Der Prozess der Beteiligung beginnt im Herbst.' });
    const other = s.documents.create({ kind: 'note', title: 'Spielplatz', bodyText: 'Der Spielplatz am Zeppelinbrunnen wird erneuert.' });
    for (let i = 0; i < 4; i++) s.documents.create({ kind: 'note', title: `Notiz ${i}`, bodyText: `Sprechstunde ${i} im Stadtteilbüro, mit Prozessen und Verfahren.` });
    await s.search.whenIdle();
    await s.search.merge();
    const r = await s.search.query({ q: 'Gentrifizierungsprozess' });
    expect(ids(r)[0]).toBe(both.id);
    expect(ids(r)).toContain(procedure.id);
    expect(ids(r)).not.toContain(other.id);
    expect(r.hints).toContainEqual({ code: 'parts', word: 'gentrifizierungsprozess' });
    // Short fragments are no parts: a made-up word of short pieces finds nothing through them.
    expect((await s.search.query({ q: 'Amtrotbau' })).total).toBe(0);
  });

  it('reads a question without its frame: "Was hat Kohl zur Wiedervereinigung gesagt?" finds the speech about it', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    const about = s.documents.create({ kind: 'speech', title: 'Rede zum Tag der Einheit', bodyText: 'Die Wiedervereinigung ist ein Geschenk. Die Wiedervereinigung verpflichtet uns alle.' });
    const aside = s.documents.create({ kind: 'speech', title: 'Empfang im Kanzleramt', bodyText: 'Wie ich schon gesagt habe: Wir danken den Gästen. Auch die Wiedervereinigung kam zur Sprache.' });
    for (const d of [about, aside]) addPerson(s.db, d.id, 'Helmut Kohl');
    for (let i = 0; i < 4; i++) s.documents.create({ kind: 'note', title: `Notiz ${i}`, bodyText: `Notiz ${i} zur Wiedervereinigung und zum Stadtteil.` });
    s.documents.update(about.id, { status: 'final' });
    s.documents.update(aside.id, { status: 'final' });
    await s.search.whenIdle();
    const q = await s.search.query({ q: 'Was hat Kohl zur Wiedervereinigung gesagt?' });
    expect(ids(q)[0]).toBe(about.id);
    expect(q.hints).toContainEqual({ code: 'question-frame', words: ['gesagt'] });
    // The same words without the question mark and W-word are searched as typed.
    expect(ids(await s.search.query({ q: 'Kohl Wiedervereinigung gesagt' }))[0]).toBe(aside.id);
    // A question of frame words only keeps them.
    expect(ids(await s.search.query({ q: 'Wer hat das gesagt?' }))).toEqual([aside.id]);
  });

  it('ranks a document with the query words side by side above one with them far apart', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    const filler = 'Die Sitzung begann pünktlich, der Saal war voll, die Tagesordnung lang. ';
    // Both words, more often, but never together.
    const apart = s.documents.create({
      kind: 'speech',
      title: 'Bericht aus dem Beirat',
      bodyText: `Soziale Fragen standen an. ${filler.repeat(3)}Soziale Träger berichteten. ${filler.repeat(3)}Der Zusammenhalt der Vereine wächst. ${filler.repeat(3)}Zusammenhalt braucht Orte.`,
    });
    // As long as the notes below (a little longer, so length does not decide it for them).
    const together = s.documents.create({ kind: 'note', title: 'Rede im Quartier', bodyText: `${filler}Es geht um sozialen Zusammenhalt, sagte sie heute im Saal. ${filler}` });
    for (let i = 0; i < 4; i++) s.documents.create({ kind: 'note', title: `Notiz ${i}`, bodyText: `Notiz ${i} über soziale Arbeit. ${filler.repeat(2)}Zusammenhalt im Sport.` });
    for (let i = 0; i < 10; i++) s.documents.create({ kind: 'note', title: `Protokoll ${i}`, bodyText: `Protokoll ${i}: ${filler}` });
    await s.search.whenIdle();
    const r = await s.search.query({ q: 'sozialer Zusammenhalt' });
    expect(ids(r)[0]).toBe(together.id);
    expect(ids(r).indexOf(apart.id)).toBeGreaterThan(0);
    // While typing (prefix mode, as the search box asks), with the last word unfinished.
    const typing = await s.search.query({ q: 'sozialer Zusammenh', prefix: true });
    expect(ids(typing)[0]).toBe(together.id);
  });

  it('rebuilds exactly once after a pipeline version change, and catches up edits made while closed', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    const d = s.documents.create({ kind: 'note', title: 'Stadtteilbüro', bodyText: 'Sprechstunde im Stadtteilbüro.' });
    await s.search.whenIdle();
    s.close();
    // Edited while no search ran (e.g. by another process).
    const db = new Database(lib.dbPath);
    db.prepare("UPDATE documents SET body_text = 'Sprechstunde im Familienzentrum.', updated_at = '2099-01-01T00:00:00.000Z' WHERE id = ?").run(d.id);
    db.close();
    const { createServices } = await import('../../../electron/services/createServices');
    const make = (version: number) =>
      createServices(lib!.services.ports, { dbPath: lib!.dbPath, search: { pipelineVersion: version } });
    let v = make(9999);
    lib.services = v;
    const st = await v.search.whenIdle();
    expect(st.counters.fullBuilds).toBe(1);
    expect(st.counters.rebuildReason).toMatch(/Pipeline-Version/);
    expect(ids(await v.search.query({ q: 'Familienzentrum' }))).toEqual([d.id]);
    v.close();
    v = make(9999);
    lib.services = v;
    const st2 = await v.search.whenIdle();
    expect(st2.counters.fullBuilds).toBe(0);
    expect(ids(await v.search.query({ q: 'Familienzentrum' }))).toEqual([d.id]);
  });

  it('finds statements by content and speaker', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    const doc = s.documents.create({ kind: 'press_release', title: 'Zukunftsbündnis', bodyText: 'Pressemitteilung' });
    const now = new Date().toISOString();
    const person = (name: string) => {
      const id = randomUUID();
      s.db.prepare('INSERT INTO people (id, name, normalized_name, created_at) VALUES (?, ?, ?, ?)').run(id, name, name.toLowerCase(), now);
      return id;
    };
    const hofmann = person('Tarek Hofmann');
    const weber = person('Anna Weber');
    const quote = (pid: string, text: string, pos: number) => {
      const id = randomUUID();
      s.db.prepare('INSERT INTO quotes (id, document_id, person_id, role, text, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, doc.id, pid, 'Staatssekretär', text, pos, now);
      return id;
    };
    const q1 = quote(hofmann, 'Wir investieren in die soziale Infrastruktur der Quartiere.', 0);
    const q2 = quote(weber, 'Die Infrastruktur allein reicht nicht, es braucht Menschen.', 1);
    // OR semantics with coordination: the statement with both words first, one word after.
    const r = await s.search.quotes({ q: 'Hofmann Infrastruktur' });
    expect(r.hits.map((h) => h.id)).toEqual([q1, q2]);
    expect(r.hints).toBeUndefined();
    expect(r.hits[0]!.person).toBe('Tarek Hofmann');
    expect((await s.search.quotes({ q: 'Infrastruktur' })).hits.map((h) => h.id).sort()).toEqual([q1, q2].sort());
    // A quote added later is found without restarting.
    const q3 = quote(weber, 'Quartiersarbeit braucht langen Atem.', 2);
    expect((await s.search.quotes({ q: 'Weber Quartiersarbeit' })).hits.map((h) => h.id)).toEqual([q3, q2]);
  });

  it('answers malformed queries over IPC with results or a hint, never an error', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    s.documents.create({ kind: 'note', title: 'Haus', bodyText: 'Ein Haus im Quartier.' });
    await s.search.whenIdle();
    const d = new Dispatcher(createHandlers(s), silentLogger);
    for (const q of ['"Haus', '+', '-', ':', '~', '^', '*', 'Haus~2', 'x'.repeat(10_000), '" "', '-Haus']) {
      const r = await d.dispatch('search.query', { q, prefix: true });
      expect(r.ok, q.slice(0, 20)).toBe(true);
      const data = (r as { data: SearchResult }).data;
      expect(data.hits.length > 0 || (data.hints?.length ?? 0) > 0).toBe(true);
    }
    const bad = await d.dispatch('search.query', { q: 'Haus', limit: 0 });
    expect(bad.ok).toBe(false);
  });
});

describe('CLI search', () => {
  it('answers --json and --stdin --json, best first, bringing the index up to date', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    const a = s.documents.create({ kind: 'speech', title: 'Rede Quartiersmanagement', externalId: 'r-1', bodyText: 'Das Quartiersmanagement und das Jugendhaus arbeiten zusammen.' });
    const b = s.documents.create({ kind: 'note', title: 'Notiz', bodyText: 'Das Jugendhaus hat neue Öffnungszeiten.' });
    s.close(); // no index yet: the CLI has to build it
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: () => {} };
    expect(await main(['--db', lib.dbPath, 'search', 'Quartiersmanagement Jugendhaus', '--json'], io)).toBe(0);
    const hits = JSON.parse(out.join('')) as { id: string; externalId: string; title: string; kind: string; score: number; snippet: string }[];
    // Both words first; the note with one of them after it (OR semantics, coordination).
    expect(hits.map((h) => h.id)).toEqual([a.id, b.id]);
    expect(Object.keys(hits[0]!).sort()).toEqual(['externalId', 'id', 'kind', 'score', 'snippet', 'title']);
    expect(hits[0]!.snippet).toContain('«Jugendhaus»');

    out.length = 0;
    expect(await main(['--db', lib.dbPath, 'search', 'Jugendhaus', '--kind', 'note', '--json'], io)).toBe(0);
    expect((JSON.parse(out.join('')) as { id: string }[]).map((h) => h.id)).toEqual([b.id]);

    // --stdin through the real bin: one JSON array per input line, in order.
    const { spawnSync } = await import('node:child_process');
    const bin = path.resolve(import.meta.dirname, '../../../bin/quartierswissen.mjs');
    const r = spawnSync(process.execPath, [bin, '--db', lib.dbPath, 'search', '--stdin', '--json', '--limit', '5'], {
      input: 'Jugendhaus\nÖffnungszeiten\n\nQuartiersmanagement\n',
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }[]).map((h) => h.id));
    expect(lines).toHaveLength(4);
    expect(new Set(lines[0])).toEqual(new Set([a.id, b.id]));
    expect(lines.slice(1)).toEqual([[b.id], [], [a.id]]);
  });
});

describe.skipIf(!HAS_CORPUS)('search on real speeches (200)', () => {
  it('finds compound parts, umlauts typed as ae/oe/ue and typos in real text', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    const speeches = zlib
      .gunzipSync(fs.readFileSync(path.join(CORPUS_DIR, 'speeches.jsonl.gz')))
      .toString('utf8')
      .split('\n')
      .slice(0, 200)
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; speaker: string; text: string });
    const byExt = new Map<string, string>();
    s.db.transaction(() => {
      for (const sp of speeches) {
        const d = s.documents.create({ kind: 'speech', title: `Rede ${sp.id}`, externalId: sp.id, bodyText: sp.text }, { silent: true });
        addPerson(s.db, d.id, sp.speaker);
        byExt.set(sp.id, d.id);
      }
    })();
    await s.search.whenIdle();
    // A word that occurs in some speech only inside compounds is found through them.
    const withCompound = speeches.find((sp) => /Bundesregierung/.test(sp.text))!;
    const r1 = await s.search.query({ q: 'Regierung', limit: 200 });
    expect(r1.hits.map((h) => h.id)).toContain(byExt.get(withCompound.id));
    // Umlauts as ae/oe/ue find the same documents as written with umlauts.
    const a = await s.search.query({ q: 'Bürger', limit: 200 });
    const b = await s.search.query({ q: 'Buerger', limit: 200 });
    expect(a.total).toBeGreaterThan(5);
    expect(new Set(b.hits.map((h) => h.id))).toEqual(new Set(a.hits.map((h) => h.id)));
    // A typo finds what the right spelling finds.
    const right = await s.search.query({ q: 'Verantwortung', limit: 5 });
    const typo = await s.search.query({ q: 'Verantwrotung', limit: 5 });
    expect(typo.hits[0]?.id).toBe(right.hits[0]?.id);
    // Speaker and topic.
    const merkel = speeches.find((sp) => sp.speaker === 'Angela Merkel' && /Klimaschutz/.test(sp.text));
    if (merkel) {
      const r = await s.search.query({ q: 'Merkel Klimaschutz', limit: 50 });
      expect(r.hits.length).toBeGreaterThan(0);
      for (const h of r.hits) expect(h.title).toMatch(/^Rede/);
    }
  });
});
