/**
 * Issue 7, promise 4 (fuzzed inputs) for IPC: every channel of the contract, through the real
 * Dispatcher and handlers on real services (SQLite file on disk, real Chromium printer, scripted
 * dialogs that cancel or name a temp file, a recording shell). Inputs are random values (deep,
 * huge, NaN/Infinity, prototype-pollution keys, Maps and Dates as structured clone would carry
 * them) and valid inputs with one field dropped or altered. Every call answers with a Result
 * value carrying a known, non-INTERNAL code and a German message; an error leaves the library
 * byte-for-byte unchanged; Object.prototype stays clean; a follow-up `documents.list` works.
 *
 * Reproduce a failure with the seed printed by fast-check: QW_FUZZ_SEED=<seed> npx vitest run <this file>.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfPrinter, DEFAULT_CHROMIUM } from '../../../electron/services/export/ChromiumPdfPrinter';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { createServices, type Services } from '../../../electron/services/createServices';
import { MemoryEventSink, systemClock, type Dialogs, type Logger, type Shell } from '../../../electron/services/ports';
import { CHANNELS, type Channel, type Result } from '../../../shared/ipc/contract';
import { changedTables, dbDigest, integrityProblems } from '../../support/dbDigest';
import { FUZZ_SEED, fuzzParams, typedErrorProblem, withinTime } from '../../support/fuzzKit';
import { REPO_ROOT, tempDir } from '../../support/testLibrary';

const TIMEOUT_MS = 10_000;

/** Dialogs of the fuzz host: every other answer is "cancelled", the others a file in the sandbox. */
class FuzzDialogs implements Dialogs {
  private n = 0;
  constructor(private readonly dir: string) {}
  async chooseFiles(): Promise<string[]> {
    return [];
  }
  async chooseFolder(): Promise<string | null> {
    return null;
  }
  async chooseSavePath(suggestedName: string): Promise<string | null> {
    return ++this.n % 2 === 0 ? null : path.join(this.dir, `${this.n}-${path.basename(suggestedName)}`);
  }
}

/** Never opens anything on this machine. */
class NullShell implements Shell {
  async openPath(): Promise<void> {}
  showItemInFolder(): void {}
}

/** Collects error logs: an INTERNAL error is logged by the dispatcher, so it shows up here too. */
class CollectingLogger implements Logger {
  readonly errors: { message: string; fields?: Record<string, unknown> }[] = [];
  info(): void {}
  warn(): void {}
  error(message: string, fields?: Record<string, unknown>): void {
    this.errors.push({ message, fields });
  }
}

/** Ids of real things in the library, looked up when a valid input is built (deletes happen). */
interface Ctx {
  docId: string;
  draftId: string;
  versionId: string;
  sessionId: string;
  itemId: string;
  itemIds: string[];
  itemDocIds: string[];
  /** A document not yet on the agenda item. */
  freeDocId: string;
  dossierId: string;
  quoteId: string;
  changeText: string;
  backupName: string;
  /** A file `export.save` wrote in this session (the only kind `export.reveal` accepts). */
  lastExport: string;
  sandbox: string;
  txtFile: string;
  /** A document in the trash (issue 15). */
  trashedId: string;
  tag: string;
}

/** A valid input per channel. A channel missing here fails the coverage test below. */
const VALID: Partial<Record<Channel, (c: Ctx) => unknown>> = {
  'app.info': () => ({}),
  'documents.list': () => ({ kind: 'press_release', sort: 'title', order: 'asc', offset: 0, limit: 5 }),
  'documents.get': (c) => ({ id: c.docId }),
  'documents.create': () => ({ kind: 'note', title: 'Fuzz-Notiz', date: '2024-06-12', tags: ['fuzz'], bodyText: 'Text', content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hallo' }] }] } }),
  'documents.update': (c) => ({ id: c.docId, patch: { title: 'Neuer Titel', status: 'final', tags: ['a', 'b'] } }),
  'documents.delete': (c) => ({ id: c.docId }),
  'library.stats': () => ({}),
  'library.loadSample': () => ({}),
  'settings.get': () => ({ key: 'language' }),
  'settings.set': () => ({ key: 'language', value: 'de' }),
  'import.files': (c) => ({ paths: [c.txtFile], kind: 'note' }),
  'import.choose': () => ({ mode: 'files', kind: 'note' }),
  'import.data': () => ({ files: [{ name: 'abgelegt.txt', dataBase64: Buffer.from(`Abgelegte Notiz ${Math.random()}`).toString('base64') }], kind: 'note' }),
  'import.cancel': () => ({}),
  'quotes.list': (c) => ({ documentId: c.docId, limit: 10 }),
  'quotes.update': (c) => ({ id: c.quoteId, speaker: 'Dr. Miriam Albers', role: 'Stadträtin', text: 'Ein korrigiertes Zitat.' }),
  'people.list': () => ({ query: 'Albers' }),
  'organisations.list': () => ({ query: 'Stadt' }),
  'search.query': () => ({ q: 'Quartier', limit: 5, filters: { kinds: ['press_release'], yearFrom: 2000, yearTo: 2030 }, prefix: true }),
  'search.quotes': () => ({ q: 'Quartier', limit: 5 }),
  'sessions.list': () => ({}),
  'sessions.get': (c) => ({ id: c.sessionId }),
  'sessions.create': () => ({ title: 'Ortsbeirat', committee: 'Ortsbeirat 3', date: '2024-06-12', place: 'Rathaus', status: 'draft' }),
  'sessions.update': (c) => ({ id: c.sessionId, patch: { title: 'Ortsbeirat (neu)', status: 'final' } }),
  'sessions.delete': (c) => ({ id: c.sessionId }),
  'sessions.addItem': (c) => ({ sessionId: c.sessionId, item: { title: 'TOP', description: 'Beschreibung', position: 0 } }),
  'sessions.updateItem': (c) => ({ itemId: c.itemId, patch: { title: 'TOP neu', description: null } }),
  'sessions.removeItem': (c) => ({ itemId: c.itemId }),
  'sessions.reorderItems': (c) => ({ sessionId: c.sessionId, itemIds: [...c.itemIds].reverse() }),
  'sessions.attachDocument': (c) => ({ itemId: c.itemId, documentId: c.freeDocId, position: 0 }),
  'sessions.detachDocument': (c) => ({ itemId: c.itemId, documentId: c.itemDocIds[0] ?? c.docId }),
  'sessions.reorderDocuments': (c) => ({ itemId: c.itemId, documentIds: [...c.itemDocIds].reverse() }),
  'export.pdf': (c) => ({ documentIds: [c.docId], title: 'Mappe', outputPath: path.join(c.sandbox, 'mappe.pdf'), options: { landscape: false, watermark: true } }),
  'export.synopsis': (c) => ({ documentId: c.draftId, from: c.versionId, to: 'current', outputPath: path.join(c.sandbox, 'synopse.pdf') }),
  'export.dossiers': (c) => ({ sessionId: c.sessionId }),
  'export.regenerate': (c) => ({ dossierId: c.dossierId, outputPath: path.join(c.sandbox, 'neu.pdf') }),
  'export.docx': (c) => ({ id: c.docId, outputPath: path.join(c.sandbox, 'd.docx') }),
  'export.markdown': (c) => ({ id: c.docId, outputPath: path.join(c.sandbox, 'd.md') }),
  'export.html': (c) => ({ id: c.docId, outputPath: path.join(c.sandbox, 'd.html') }),
  'export.save': (c) => ({ target: { kind: 'document', documentId: c.docId }, format: 'markdown' }),
  'export.reveal': (c) => ({ path: c.lastExport, action: 'folder' }),
  'collab.open': (c) => ({ id: c.draftId, clientId: 'fuzz' }),
  'collab.update': (c) => ({ id: c.draftId, clientId: 'fuzz', update: Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())).toString('base64') }),
  'collab.awareness': (c) => ({ id: c.draftId, clientId: 'fuzz', update: validAwareness() }),
  'collab.close': (c) => ({ id: c.draftId, clientId: 'fuzz', awarenessClientId: 1 }),
  'collab.createDraft': () => ({ title: 'Leitbild Fuzz', kind: 'leitbild', template: 'leitbild' }),
  'collab.findSources': () => ({ q: 'Quartier', limit: 5 }),
  'collab.exportChanges': (c) => ({ id: c.draftId }),
  'collab.importChanges': (c) => ({ text: c.changeText }),
  'collab.settings': () => ({}),
  'collab.saveSettings': () => ({ serverUrl: 'ws://127.0.0.1:9', token: 'geheim', userName: 'Fuzz', userColor: '#336699' }),
  'versions.list': (c) => ({ id: c.draftId }),
  'versions.create': (c) => ({ id: c.draftId, name: 'Fassung Fuzz' }),
  'versions.restore': (c) => ({ id: c.draftId, versionId: c.versionId }),
  'versions.compare': (c) => ({ id: c.draftId, before: c.versionId, after: 'current' }),
  'sync.status': () => ({}),
  'backup.create': () => ({}),
  'backup.list': () => ({}),
  'backup.restore': (c) => ({ name: c.backupName }),
  'backup.notice': () => ({}),
  'backup.dismissNotice': () => ({}),
  'trash.move': (c) => ({ ids: [c.freeDocId] }),
  'trash.restore': (c) => ({ ids: [c.trashedId] }),
  'trash.list': () => ({}),
  'trash.purge': (c) => ({ ids: [c.trashedId] }),
  'trash.empty': () => ({}),
  'shelf.list': () => ({}),
  'shelf.pin': (c) => ({ id: c.docId, pinned: true }),
  'shelf.opened': (c) => ({ id: c.docId }),
  'documents.backlinks': (c) => ({ id: c.docId }),
  'tags.list': () => ({}),
  'tags.rename': (c) => ({ from: c.tag, to: `${c.tag} (neu)` }),
  'tags.merge': (c) => ({ names: [c.tag], into: 'Fuzz-Sammlung' }),
};

function validAwareness(): string {
  const doc = new Y.Doc();
  const a = new awarenessProtocol.Awareness(doc);
  a.setLocalState({ user: { name: 'Fuzz', color: '#336699' } });
  const update = awarenessProtocol.encodeAwarenessUpdate(a, [doc.clientID]);
  a.destroy();
  return Buffer.from(update).toString('base64');
}

/** Channels that print (Chromium), connect (sync) or open dialogs: fewer runs, still covered. */
const EXPENSIVE = new Set<Channel>(['export.pdf', 'export.synopsis', 'export.regenerate', 'export.save', 'collab.saveSettings', 'library.loadSample', 'import.choose']);

// ---------------------------------------------------------------------------------------------
// Random values

const pollutingKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__');
const key = fc.oneof(fc.string({ maxLength: 12 }), pollutingKey, fc.constantFrom('id', 'title', 'paths', 'outputPath', 'kind', 'q'));
const weirdNumber = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE, 0.5), fc.double(), fc.integer());
const weirdString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '../../etc/passwd', 'current', '__proto__', '%s%n', '<script>', 'ws://127.0.0.1:9', 'javascript:alert(1)', 'x'.repeat(5000), '#zzzzzz', 'QUJD', '===='),
  fc.nat(20).map((n) => 'ä'.repeat(2 ** n)),
);
/** `[[[…]]]` and `{type:'doc',content:[{…}]}` thousands deep: recursion in validators and walkers. */
const deep = fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean()).map(([depth, rich]) => {
  let v: unknown = rich ? { type: 'text', text: 'x' } : 1;
  for (let i = 0; i < depth; i++) v = rich ? { type: 'paragraph', content: [v] } : [v];
  // fast-check would print the counterexample recursively and overflow the stack itself.
  Object.defineProperty(v, fc.toStringMethod, { value: () => `deep(${depth}, ${rich ? 'rich' : 'array'})`, enumerable: false });
  return v;
});
/** Objects whose own `__proto__` key survives (as JSON.parse and structured clone deliver it). */
const polluting = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":"ja"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"ja"}}}'),
  JSON.parse('{"id":"x","__proto__":{"polluted":"ja","isAdmin":true}}'),
  JSON.parse('{"patch":{"__proto__":{"polluted":"ja"}},"id":"x"}'),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ key, maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: weirdNumber },
  { weight: 2, arbitrary: weirdString },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: polluting },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, true, [], {}) },
);

/** One change to a valid input: drop a field, replace a value, add a key, or wrap the whole. */
type Mutation = { op: 'drop' | 'set' | 'add' | 'wrap'; pick: number; value: unknown; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('drop', 'set', 'set', 'set', 'add', 'wrap'),
  pick: fc.nat(),
  value: anyValue,
  key,
});

/** Every place in a value: [] is the whole input, ['patch','title'] a nested field. */
function places(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...places(x, [...at, i])));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push(...places((v as Record<string, unknown>)[k], [...at, k]));
  return out;
}

function applyMutation(valid: unknown, m: Mutation): unknown {
  if (m.op === 'wrap') return m.pick % 2 ? [valid] : JSON.stringify(valid);
  const all = places(valid);
  const at = all[m.pick % all.length]!;
  if (at.length === 0) return m.op === 'set' ? m.value : valid;
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const seg of at.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (m.op === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.op === 'set') parent[last] = m.value;
  else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    else parent[last] = { [m.key]: m.value };
  }
  return copy;
}

/**
 * Keeps the fuzz inside its sandbox: path-like strings of the channels that read or write files
 * are placed below the sandbox (`..` neutralised), and sync only ever dials a closed local port.
 * The strings keep their content (control characters, NUL, length), so the services still see them.
 */
function confine(channel: Channel, input: unknown, sandbox: string): unknown {
  const pathish = (s: unknown) => (typeof s === 'string' ? path.join(sandbox, 'ziel', s.replaceAll('..', '__')) : s);
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const o = { ...(input as Record<string, unknown>) };
  if (channel === 'import.files' && Array.isArray(o.paths)) o.paths = o.paths.map((p) => (p === path.join(sandbox, 'notiz.txt') ? p : pathish(p)));
  if (channel.startsWith('export.') && 'outputPath' in o && !(typeof o.outputPath === 'string' && o.outputPath.startsWith(sandbox) && !o.outputPath.includes('..'))) o.outputPath = pathish(o.outputPath);
  if (channel === 'export.reveal' && 'path' in o && !(typeof o.path === 'string' && o.path.startsWith(sandbox))) o.path = pathish(o.path);
  if (channel === 'collab.saveSettings' && typeof o.serverUrl === 'string' && o.serverUrl.trim()) {
    try {
      new URL(o.serverUrl.trim());
      o.serverUrl = 'ws://127.0.0.1:9';
    } catch {
      // not a URL: the service must refuse it
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------

describe('Fuzz: every IPC channel through the real dispatcher on real services', () => {
  let dir: string;
  let sandbox: string;
  let services: Services;
  let dispatcher: Dispatcher;
  let printer: ChromiumPdfPrinter;
  const logger = new CollectingLogger();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const counts: Record<string, { ok: number; codes: Record<string, number> }> = {};
  let cwd: string;
  let lastExport = '';
  let restarts = 0;

  const noteExport = (channel: unknown, data: unknown) => {
    const saved = data as { cancelled?: boolean; path?: string } | null;
    if (channel === 'export.save' && saved && saved.cancelled === false && saved.path) lastExport = saved.path;
  };
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    const r = await dispatcher.dispatch(channel, input);
    return r;
  };
  const must = async <T>(channel: Channel, input: unknown): Promise<T> => {
    const r = await call(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    noteExport(channel, r.data);
    return r.data as T;
  };

  /** Looks up (and re-creates where a fuzz run deleted them) the things valid inputs name. */
  async function ctx(): Promise<Ctx> {
    const db = services.db;
    const one = (sql: string) => db.prepare(sql).pluck().get() as string | undefined;
    const docId = one("SELECT id FROM documents WHERE kind NOT IN ('leitbild') AND trashed_at IS NULL ORDER BY created_at LIMIT 1") ?? (await must<{ id: string }>('documents.create', { kind: 'note', title: 'Ersatz', bodyText: 'Ersatz' })).id;
    const draftId = one("SELECT id FROM documents WHERE kind = 'leitbild' AND trashed_at IS NULL ORDER BY created_at LIMIT 1") ?? (await must<{ id: string }>('collab.createDraft', { title: 'Leitbild', kind: 'leitbild', template: 'leitbild' })).id;
    const versionId = one(`SELECT id FROM versions WHERE document_id = '${draftId}' LIMIT 1`) ?? (await must<{ id: string }>('versions.create', { id: draftId, name: 'Erste Fassung' })).id;
    const sessionId = one('SELECT id FROM committee_sessions LIMIT 1') ?? (await must<{ id: string }>('sessions.create', { title: 'Sitzung' })).id;
    const itemId = one(`SELECT id FROM agenda_items WHERE session_id = '${sessionId}' LIMIT 1`) ?? (await must<{ id: string }>('sessions.addItem', { sessionId, item: { title: 'TOP 1' } })).id;
    const dossierId = one('SELECT id FROM dossiers LIMIT 1') ?? 'kein-dossier';
    const quoteId = one('SELECT id FROM quotes LIMIT 1') ?? 'kein-zitat';
    const changeText = (await must<{ text: string }>('collab.exportChanges', { id: draftId })).text;
    const itemIds = db.prepare('SELECT id FROM agenda_items WHERE session_id = ?').pluck().all(sessionId) as string[];
    const itemDocIds = db.prepare('SELECT document_id FROM agenda_item_documents WHERE agenda_item_id = ?').pluck().all(itemId) as string[];
    const freeDocId =
      (db.prepare("SELECT id FROM documents WHERE kind <> 'leitbild' AND trashed_at IS NULL AND id NOT IN (SELECT document_id FROM agenda_item_documents WHERE agenda_item_id = ?) LIMIT 1").pluck().get(itemId) as string | undefined) ??
      (await must<{ id: string }>('documents.create', { kind: 'note', title: 'Frei', bodyText: 'Frei' })).id;
    const backupName = (await must<{ name: string }[]>('backup.list', {}))[0]?.name ?? (await must<{ name: string }>('backup.create', {})).name;
    const trashedId =
      one('SELECT id FROM documents WHERE trashed_at IS NOT NULL LIMIT 1') ??
      (await must<{ ids: string[] }>('trash.move', { ids: [(await must<{ id: string }>('documents.create', { kind: 'note', title: 'Papierkorb', bodyText: 'weg' })).id] })).ids[0]!;
    const tag = one('SELECT t.name FROM tags t JOIN document_tags dt ON dt.tag_id = t.id LIMIT 1') ?? (await must<{ tags: string[] }>('documents.update', { id: docId, patch: { tags: ['Fuzz-Schlagwort'] } })).tags[0]!;
    return { docId, draftId, versionId, sessionId, itemId, itemIds, itemDocIds, freeDocId, dossierId, quoteId, changeText, backupName, lastExport, sandbox, txtFile: path.join(sandbox, 'notiz.txt'), trashedId, tag };
  }

  /** One dispatch with every property of promise 4 checked. */
  async function dispatchChecked(channel: unknown, input: unknown, label: string): Promise<Result<unknown>> {
    const before = dbDigest(services.db);
    const logged = logger.errors.length;
    const ch = typeof channel === 'string' ? channel.slice(0, 60) : `(${typeof channel})`;
    const result = await withinTime(`${ch} (${label})`, TIMEOUT_MS, () => dispatcher.dispatch(channel, input));
    const name = `${ch}/${label}`;
    const c = (counts[name] ??= { ok: 0, codes: {} });
    if (result.ok) c.ok++;
    else c.codes[result.error.code] = (c.codes[result.error.code] ?? 0) + 1;

    expect(result, 'Ergebnis ist ein Result-Wert').toMatchObject({ ok: expect.any(Boolean) });
    if (!result.ok) {
      expect(typedErrorProblem(result.error), `${ch}: ${JSON.stringify(result.error).slice(0, 500)}`).toBeNull();
      const changed = changedTables(before, dbDigest(services.db));
      expect(changed, `${ch} schrieb trotz Fehler ${result.error.code}`).toEqual([]);
    } else {
      expect(result).toHaveProperty('data');
      noteExport(channel, result.data);
    }
    expect(logger.errors.slice(logged), 'INTERNAL im Log').toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(unhandled).toEqual([]);
    // Still usable afterwards.
    const list = await dispatcher.dispatch('documents.list', { limit: 1 });
    expect(list.ok).toBe(true);
    return result;
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    dir = tempDir('qw-fuzz-ipc-');
    sandbox = path.join(dir, 'sandbox');
    fs.mkdirSync(path.join(sandbox, 'ziel'), { recursive: true });
    fs.writeFileSync(path.join(sandbox, 'notiz.txt'), 'Eine Notiz aus dem Sandkasten.\n\nMit zwei Absätzen.');
    // Relative paths a fuzz run invents resolve inside the sandbox, never in the repository.
    cwd = process.cwd();
    process.chdir(sandbox);
    printer = new ChromiumPdfPrinter(DEFAULT_CHROMIUM);
    services = createServices(
      {
        paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
        events: new MemoryEventSink(),
        clock: systemClock,
        logger,
        dialogs: new FuzzDialogs(sandbox),
        shell: new NullShell(),
        pdf: printer,
        // backup.restore asks for a restart; here it is only counted.
        lifecycle: { restart: () => void restarts++ },
      },
      { dbPath: path.join(dir, 'bibliothek.sqlite'), appVersion: '0.0.0-fuzz', collab: { sync: { minDelay: 60_000, maxDelay: 60_000 } } },
    );
    dispatcher = new Dispatcher(createHandlers(services), logger);
    // A library with something in every table: sample documents, an imported press release with
    // quotes, a draft with a Fassung, a session with an item, a dossier.
    await must('library.loadSample', {});
    const press = fs.readdirSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'press')).find((f) => f.endsWith('.txt'))!;
    await must('import.files', { paths: [path.join(REPO_ROOT, 'tests', 'fixtures', 'press', press)] });
    const c = await ctx();
    await must('sessions.attachDocument', { itemId: c.itemId, documentId: c.docId });
    const docs = services.db.prepare('SELECT id FROM documents LIMIT 2').pluck().all() as string[];
    await must('export.pdf', { documentIds: docs, title: 'Mappe', outputPath: path.join(sandbox, 'start.pdf') });
    await must('export.save', { target: { kind: 'document', documentId: c.docId }, format: 'html' });
    console.info(`Fuzz-Seed (IPC): ${FUZZ_SEED} – wiederholen mit QW_FUZZ_SEED=${FUZZ_SEED}`);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    console.info(`Fuzz-Ergebnisse (IPC): ${JSON.stringify(counts)}`);
    if (cwd) process.chdir(cwd);
    services?.close();
    await printer?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('covers every channel of the contract with a valid input (a new channel must be added here)', () => {
    const missing = CHANNELS.filter((ch) => !VALID[ch]);
    expect(missing, 'Kanäle ohne Fuzz-Eingabe').toEqual([]);
    expect(Object.keys(VALID).filter((ch) => !(CHANNELS as string[]).includes(ch))).toEqual([]);
  });

  it('the valid input of every channel succeeds (the mutations start from inputs that work)', async () => {
    const failing: string[] = [];
    for (const ch of CHANNELS) {
      if (ch === 'documents.delete' || ch === 'sessions.delete' || ch === 'sessions.removeItem') continue;
      const build = VALID[ch];
      if (!build) continue;
      const r = await dispatchChecked(ch, confine(ch, build(await ctx()), sandbox), 'valid');
      if (!r.ok) failing.push(`${ch}: ${r.error.code} ${r.error.message}`);
    }
    expect(failing).toEqual([]);
  });

  it('unknown channels and non-string channel names answer UNKNOWN_CHANNEL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyValue, fc.string()), anyValue, async (channel, input) => {
        fc.pre(!(CHANNELS as unknown[]).includes(channel));
        const r = await dispatchChecked(channel, input, 'channel');
        expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }),
      fuzzParams(60, 500),
    );
  });

  for (const [i, channel] of CHANNELS.entries()) {
    const runs = EXPENSIVE.has(channel) ? 6 : 24;
    it(`${channel}: random and mutated inputs → Result with a typed error, no partial write`, async () => {
      const build = VALID[channel];
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyValue.map((v) => ({ random: v, m: null })), mutation.map((m) => ({ random: undefined, m }))), async ({ random, m }) => {
          const input = m && build ? applyMutation(build(await ctx()), m) : random;
          await dispatchChecked(channel, confine(channel, input, sandbox), m ? 'mutated' : 'random');
        }),
        fuzzParams(runs, 1000 + i),
      );
      if (channel === 'collab.saveSettings') await must('collab.saveSettings', { serverUrl: '', token: '', userName: '', userColor: '#336699' });
      expect(integrityProblems(services.db)).toEqual([]);
    });
  }
});
