/**
 * Minimal counterexamples the fuzz tests (importers.fuzz.test.ts, ipc.fuzz.test.ts) found, each
 * pinned as a plain test next to them (issue 7, promise 4).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DocumentStore } from '../../../electron/services/documents/DocumentStore';
import { Dispatcher, toErrorInfo } from '../../../electron/services/ipc/Dispatcher';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { silentLogger, systemClock } from '../../../electron/services/ports';
import { disposableLibraries } from '../../support/disposableLibraries';

const lib = disposableLibraries();

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('Fuzz regressions: the dispatcher never throws', () => {
  it('a channel name that cannot become a string (deep array, no prototype, symbol) answers UNKNOWN_CHANNEL', async () => {
    // Counterexample: dispatch([[[…3140 deep…]]], {}) threw "Maximum call stack size exceeded"
    // from String(channel) in the error message.
    const l = lib();
    const d = new Dispatcher(createHandlers(l.services), silentLogger);
    for (const channel of [nested(3140), Object.create(null), Symbol('kanal'), { toString: () => { throw new Error('x'); } }]) {
      const r = await d.dispatch(channel, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      if (!r.ok) expect(r.error.message.length).toBeLessThan(200);
    }
  });

  it('input nested thousands deep answers VALIDATION (or is accepted), never INTERNAL', async () => {
    const l = lib();
    const d = new Dispatcher(createHandlers(l.services), silentLogger);
    let content: unknown = { type: 'text', text: 'x' };
    for (let i = 0; i < 20_000; i++) content = { type: 'paragraph', content: [content] };
    for (const [channel, input] of [
      ['documents.create', { kind: 'note', title: 'Tief', content }],
      ['documents.list', nested(20_000)],
      ['search.query', { q: 'x', filters: nested(20_000) }],
    ] as const) {
      const r = await d.dispatch(channel, input);
      if (!r.ok) expect(r.error.code, `${channel}: ${r.error.message}`).toBe('VALIDATION');
    }
  });
});

describe('Fuzz regressions: SQLite contention is never an internal error', () => {
  it('update and delete succeed when another connection commits between their read and their write', () => {
    // Counterexample: documents.delete while the search worker committed a segment answered
    // INTERNAL "database is locked" (SQLITE_BUSY_SNAPSHOT of a deferred read-then-write transaction).
    const l = lib();
    const other = new Database(l.dbPath);
    // Never waits: inside an IMMEDIATE transaction the other writer is simply turned away (the
    // fix); inside a deferred one it commits, and the store's own write then failed (the bug).
    other.pragma('busy_timeout = 0');
    try {
      let pokes = 0;
      const poke = () => {
        pokes++;
        try {
          other.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('fuzz.poke', ?)").run(String(pokes));
        } catch (err) {
          if (!String((err as { code?: string }).code).startsWith('SQLITE_BUSY')) throw err;
        }
      };
      // The store's connection, but every read is followed by a commit of the other connection.
      const db = l.services.db;
      const racing = new Proxy(db, {
        get(target, prop) {
          if (prop === 'prepare') {
            return (sql: string) => {
              const st = target.prepare(sql);
              if (!/^\s*SELECT/iu.test(sql)) return st;
              return new Proxy(st, {
                get(s, p) {
                  const v = Reflect.get(s, p, s) as unknown;
                  if ((p === 'get' || p === 'all') && typeof v === 'function') {
                    return (...args: unknown[]) => {
                      const r = (v as (...a: unknown[]) => unknown).apply(s, args);
                      if (target.inTransaction) poke();
                      return r;
                    };
                  }
                  return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(s) : v;
                },
              });
            };
          }
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      const store = new DocumentStore(racing, systemClock, l.services.events);
      const doc = l.services.documents.create({ kind: 'note', title: 'Wird geändert', bodyText: 'Text' });
      expect(store.update(doc.id, { title: 'Geändert' }).title).toBe('Geändert');
      expect(store.delete(doc.id)).toEqual({ id: doc.id });
      expect(pokes).toBeGreaterThan(0);
      expect(l.services.documents.exists(doc.id)).toBe(false);
    } finally {
      other.close();
    }
  });

  it('a SQLite error that still escapes arrives typed and in German', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });
    expect(toErrorInfo(busy)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/belegt/u) });
    expect(toErrorInfo(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toMatchObject({ code: 'IO' });
    expect(toErrorInfo(Object.assign(new Error('malformed'), { code: 'SQLITE_CORRUPT' }))).toMatchObject({ code: 'DB_CORRUPT' });
    expect(toErrorInfo(Object.create(null))).toMatchObject({ code: 'INTERNAL' });
  });
});
