import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/contract';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { silentLogger } from '../../../electron/services/ports';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

let lib: TestLibrary;
let dispatcher: Dispatcher;
beforeEach(() => {
  lib = openTestLibrary();
  dispatcher = new Dispatcher(createHandlers(lib.services), silentLogger);
});
afterEach(() => lib.dispose());

function count(): number {
  return lib.services.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
}

describe('IPC contract and dispatcher', () => {
  it('has exactly one handler for every channel of the contract', () => {
    expect(Object.keys(createHandlers(lib.services)).sort()).toEqual([...CHANNELS].sort());
  });

  it('answers a valid call with a result value', async () => {
    const created = await dispatcher.dispatch('documents.create', { kind: 'note', title: 'Termin Quartiersbeirat' });
    expect(created.ok).toBe(true);
    const list = await dispatcher.dispatch('documents.list', { kind: 'note' });
    expect(list).toMatchObject({ ok: true, data: { total: 1, items: [{ title: 'Termin Quartiersbeirat' }] } });
  });

  it.each([
    ['documents.get', { id: 123 }, 'id'],
    ['documents.create', { kind: 'roman', title: 'x' }, 'kind'],
    ['documents.create', { kind: 'note', title: '   ' }, 'title'],
    ['documents.create', { kind: 'note', title: 'x', date: '24.11.2026' }, 'date'],
    ['documents.update', { id: 'a', patch: { status: 'weg' } }, 'patch.status'],
    ['documents.list', { limit: 5000 }, 'limit'],
    ['documents.list', { kinds: ['note', 'brief'] }, 'kinds[1]'],
    ['documents.create', { kind: 'note', title: 'x', evil: true }, ''],
    ['settings.set', { key: 'language', value: 'fr' }, 'value'],
  ])('rejects %s with %j as VALIDATION at path "%s" and writes nothing', async (channel, input, pathExpected) => {
    const before = count();
    const result = await dispatcher.dispatch(channel, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    const issues = (result.error.details as { issues: { path: string }[] }).issues;
    expect(issues.map((i) => i.path)).toContain(pathExpected);
    expect(count()).toBe(before);
  });

  it('rejects non-object input and unknown channels with a code', async () => {
    expect(await dispatcher.dispatch('documents.get', 'id-als-text')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatcher.dispatch('documents.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatcher.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('turns service errors into result values with their code', async () => {
    expect(await dispatcher.dispatch('documents.get', { id: 'gibt-es-nicht' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { id: 'gibt-es-nicht' } },
    });
  });

  it('loads the sample library once and marks the first start as done', async () => {
    expect(await dispatcher.dispatch('settings.get', { key: 'firstRunDone' })).toEqual({ ok: true, data: false });
    const loaded = await dispatcher.dispatch('library.loadSample', {});
    expect(loaded.ok).toBe(true);
    const stats = await dispatcher.dispatch('library.stats', {});
    expect(stats).toMatchObject({ ok: true, data: { byKind: { leitbild: expect.any(Number) } } });
    if (stats.ok) expect((stats.data as { byKind: { leitbild: number } }).byKind.leitbild).toBeGreaterThanOrEqual(1);
    expect(await dispatcher.dispatch('settings.get', { key: 'firstRunDone' })).toEqual({ ok: true, data: true });
  });
});
