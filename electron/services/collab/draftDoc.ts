import { getSchema } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { RichNode } from '../../../shared/domain/document';
import { DRAFT_FRAGMENT, DRAFT_META, draftExtensions } from '../../../shared/editor/draftExtensions';

/** Helpers between a draft's Y.Doc and tiptap JSON, with the schema from shared/editor. */

let cached: Schema | null = null;
export function draftSchema(): Schema {
  cached ??= getSchema(draftExtensions());
  return cached;
}

/**
 * Makes arbitrary tiptap JSON (imported, older, hand-written) valid for the draft schema:
 * unknown nodes are unwrapped (their text kept), unknown marks dropped, and a block that still
 * does not fit becomes a paragraph of its text. Never throws for structural surprises.
 */
export function toSchemaNode(json: RichNode | null | undefined): PmNode {
  const schema = draftSchema();
  const textOf = (n: RichNode): string => (n.type === 'text' ? (n.text ?? '') : (n.content ?? []).map(textOf).join(' '));
  const clean = (n: RichNode): RichNode[] => {
    if (n.type === 'text') {
      if (!n.text) return [];
      const marks = (n.marks ?? []).filter((m) => schema.marks[m.type]);
      return [marks.length ? { type: 'text', text: n.text, marks } : { type: 'text', text: n.text }];
    }
    const children = (n.content ?? []).flatMap(clean);
    if (!schema.nodes[n.type]) return children;
    return [{ ...n, ...(n.content ? { content: children } : {}) }];
  };
  const blocks: RichNode[] = [];
  for (const child of json?.type === 'doc' ? (json.content ?? []) : json ? [json] : []) {
    for (const c of clean(child)) {
      const type = schema.nodes[c.type];
      if (type && !type.isInline) {
        try {
          const node = schema.nodeFromJSON(c);
          node.check();
          blocks.push(c);
          continue;
        } catch {
          // falls through to the paragraph below
        }
      }
      const text = textOf(c).trim();
      if (text) blocks.push({ type: 'paragraph', content: [{ type: 'text', text }] });
    }
  }
  const doc = schema.nodeFromJSON({ type: 'doc', content: blocks.length ? blocks : [{ type: 'paragraph' }] });
  doc.check();
  return doc;
}

/** Plain text → paragraphs (blank lines separate them). */
export function textToRichDoc(text: string): RichNode {
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return {
    type: 'doc',
    content: paras.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p.replace(/\s*\n\s*/g, ' ') }] })),
  };
}

/** A stable 31-bit Yjs client id from the document id (FNV-1a). */
function seedClientId(documentId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < documentId.length; i++) {
    h ^= documentId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Keep clear of small ids a random client would unlikely pick anyway; never 0.
  return ((h >>> 1) | 1) >>> 0;
}

/**
 * The first Yjs state of a document that existed before collaboration (or a new draft from a
 * template). Deterministic — a fixed client id from the document id — so two copies of the same
 * library that seed independently produce the *same* items and merge without duplicating text.
 */
export function seedUpdate(documentId: string, content: RichNode, title: string): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  doc.clientID = seedClientId(documentId);
  doc.transact(() => {
    doc.getMap(DRAFT_META).set('title', title);
    prosemirrorToYXmlFragment(toSchemaNode(content), doc.getXmlFragment(DRAFT_FRAGMENT));
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The draft's content as tiptap JSON (schema-checked). */
export function docToRich(doc: Y.Doc): RichNode {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(DRAFT_FRAGMENT), draftSchema()).toJSON() as RichNode;
}

export function docTitle(doc: Y.Doc): string | null {
  const t = doc.getMap(DRAFT_META).get('title');
  return typeof t === 'string' && t.trim() ? t.trim() : null;
}

/** Content of a stored Yjs state (a Fassung) as JSON. */
export function stateToRich(state: Uint8Array): RichNode {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const json = docToRich(doc);
  doc.destroy();
  return json;
}

/**
 * Replaces the draft's content with `content` as an ordinary edit: y-prosemirror diffs the
 * fragment against the target and changes only what differs, so history stays intact and
 * concurrent edits elsewhere merge as usual.
 */
export function replaceContent(doc: Y.Doc, content: RichNode, origin: unknown): void {
  const node = toSchemaNode(content);
  doc.transact(() => {
    prosemirrorToYXmlFragment(node, doc.getXmlFragment(DRAFT_FRAGMENT));
  }, origin);
}

/** Appends one paragraph of text at the end of the draft (CLI `append`). */
export function appendParagraph(doc: Y.Doc, text: string, origin: unknown): void {
  doc.transact(() => {
    const fragment = doc.getXmlFragment(DRAFT_FRAGMENT);
    const p = new Y.XmlElement('paragraph');
    if (text) p.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [p]);
  }, origin);
}
