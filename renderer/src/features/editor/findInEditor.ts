import { Extension, type Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { findAll, type FindTarget } from '../find/findText';

interface FindState {
  query: string;
  current: number;
  matches: { from: number; to: number }[];
  decorations: DecorationSet;
}

type FindMeta = { query?: string; current?: number };

export const findKey = new PluginKey<FindState>('qwFindInDocument');

/** An inline atom (citation, footnote) stands for one character that never matches. */
const ATOM = '\ufffc';

/** Matches per textblock, across marks (a word half bold is still one match). */
function search(doc: PmNode, query: string): { from: number; to: number }[] {
  if (!query.trim()) return [];
  const out: { from: number; to: number }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    let text = '';
    const starts: number[] = [];
    node.forEach((child, offset) => {
      const at = pos + 1 + offset;
      const piece = child.isText ? child.text! : ATOM;
      for (let i = 0; i < piece.length; i++) starts.push(at + i);
      text += piece;
    });
    starts.push(pos + node.nodeSize - 1);
    for (const [s, e] of findAll(text, query)) out.push({ from: starts[s]!, to: starts[e - 1]! + 1 });
    return false;
  });
  return out;
}

function decorate(doc: PmNode, matches: FindState['matches'], current: number): DecorationSet {
  return DecorationSet.create(
    doc,
    matches.map((m, i) => Decoration.inline(m.from, m.to, { class: i === current ? 'qw-find-match qw-find-current' : 'qw-find-match' })),
  );
}

/**
 * Find in the editor (issue 15): a small ProseMirror plugin that keeps the query, its matches and
 * the current one as decorations; edits (also by others over sync) search again.
 */
export const FindInEditor = Extension.create({
  name: 'qwFindInDocument',
  addProseMirrorPlugins() {
    return [
      new Plugin<FindState>({
        key: findKey,
        state: {
          init: () => ({ query: '', current: 0, matches: [], decorations: DecorationSet.empty }),
          apply(tr, prev, _old, state) {
            const meta = tr.getMeta(findKey) as FindMeta | undefined;
            if (!meta && !tr.docChanged) return prev;
            const query = meta?.query ?? prev.query;
            const matches = meta?.query !== undefined || tr.docChanged ? search(state.doc, query) : prev.matches;
            const current = Math.max(0, Math.min(meta?.current ?? prev.current, matches.length - 1));
            return { query, current, matches, decorations: decorate(state.doc, matches, current) };
          },
        },
        props: {
          decorations: (state) => findKey.getState(state)?.decorations ?? null,
        },
      }),
    ];
  },
});

/** The find bar's view of an editor. */
export function editorFindTarget(editor: Editor): FindTarget {
  const dispatch = (meta: FindMeta) => {
    if (editor.isDestroyed) return;
    editor.view.dispatch(editor.state.tr.setMeta(findKey, meta).setMeta('addToHistory', false));
  };
  return {
    find(query) {
      dispatch({ query, current: 0 });
      return findKey.getState(editor.state)?.matches.length ?? 0;
    },
    select(index) {
      dispatch({ current: index });
      editor.view.dom.querySelector('.qw-find-current')?.scrollIntoView({ block: 'center' });
    },
    clear() {
      dispatch({ query: '' });
    },
  };
}
