import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { DRAFT_COMMENTS } from '../../../../shared/editor/draftExtensions';

export interface DraftComment {
  id: string;
  text: string;
  author: string;
  color: string;
  createdAt: string;
  resolved: boolean;
}

/** Comment threads live in the draft's Y.Doc (map `comments`), so they sync with the text. */
export function commentsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(DRAFT_COMMENTS);
}

export function readComments(doc: Y.Doc): DraftComment[] {
  const out: DraftComment[] = [];
  commentsMap(doc).forEach((m, id) => {
    out.push({
      id,
      text: String(m.get('text') ?? ''),
      author: String(m.get('author') ?? ''),
      color: String(m.get('color') ?? '#888888'),
      createdAt: String(m.get('createdAt') ?? ''),
      resolved: m.get('resolved') === true,
    });
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function addComment(doc: Y.Doc, c: Omit<DraftComment, 'resolved'>): void {
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    commentsMap(doc).set(c.id, m);
    m.set('text', c.text);
    m.set('author', c.author);
    m.set('color', c.color);
    m.set('createdAt', c.createdAt);
    m.set('resolved', false);
  });
}

export function setResolved(doc: Y.Doc, id: string, resolved: boolean): void {
  commentsMap(doc).get(id)?.set('resolved', resolved);
}

export function useComments(doc: Y.Doc): DraftComment[] {
  const [list, setList] = useState(() => readComments(doc));
  useEffect(() => {
    const map = commentsMap(doc);
    const update = () => setList(readComments(doc));
    map.observeDeep(update);
    update();
    return () => map.unobserveDeep(update);
  }, [doc]);
  return list;
}
