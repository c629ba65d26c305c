import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { silentLogger } from '../../../electron/services/ports';
import { RICH_LIMITS, type RichNode } from '../../../shared/domain/document';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

/**
 * Issue 17: rich-text content from a window is bounded before it is parsed node by node: a
 * million nodes or thousands of nested marks get a clear VALIDATION answer (no stalled process,
 * no "Maximum call stack size exceeded"), and nothing is stored.
 */

const libs: TestLibrary[] = [];
afterEach(() => {
  while (libs.length) libs.pop()!.dispose();
});

function setup() {
  const lib = openTestLibrary();
  libs.push(lib);
  return { lib, dispatcher: new Dispatcher(createHandlers(lib.services), silentLogger) };
}

const paragraph = (text: string): RichNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });

function nested(depth: number): RichNode {
  let node: RichNode = { type: 'text', text: 'innen' };
  for (let i = 0; i < depth; i++) node = { type: 'blockquote', content: [node] };
  return { type: 'doc', content: [node] };
}

describe('rich-text content from a window', () => {
  it('refuses a million nodes quickly with VALIDATION and stores nothing', async () => {
    const { lib, dispatcher } = setup();
    const before = lib.services.documents.countByKind().total;
    const huge: RichNode = { type: 'doc', content: Array.from({ length: 10 }, () => ({ type: 'bulletList', content: Array.from({ length: 100_000 }, () => paragraph('x')) })) };
    const result = await dispatcher.dispatch('documents.create', { kind: 'note', title: 'Riesig', content: huge });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('VALIDATION');
    expect(JSON.stringify(!result.ok && result.error)).toContain('Knoten');
    expect(lib.services.documents.countByKind().total).toBe(before);
  });

  it('refuses thousands of nested levels without overflowing the stack', async () => {
    const { dispatcher } = setup();
    const result = await dispatcher.dispatch('documents.create', { kind: 'note', title: 'Tief', content: nested(6_000) });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('VALIDATION');
    expect(JSON.stringify(!result.ok && result.error)).toContain('verschachtelt');
  });

  it('still takes a large real draft right at the bounds', async () => {
    const { lib, dispatcher } = setup();
    const result = await dispatcher.dispatch('documents.create', {
      kind: 'leitbild',
      title: 'Großer Entwurf',
      content: { type: 'doc', content: [...Array.from({ length: 20_000 }, (_, i) => paragraph(`Absatz ${i}`)), nested(RICH_LIMITS.depth - 2).content![0]!] },
    });
    expect(result.ok).toBe(true);
    const id = result.ok ? (result.data as { id: string }).id : '';
    expect(lib.services.documents.get(id).content?.content).toHaveLength(20_001);
  });
});
