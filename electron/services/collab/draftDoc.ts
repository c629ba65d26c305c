import { getSchema } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { RichNode } from '../../../shared/domain/document';
import { DRAFT_FRAGMENT, DRAFT_META, draftExtensions } from '../../../shared/editor/draftExtensions';
import { hasScriptScheme, isSafeLinkHref } from '../../../shared/editor/safeLink';

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
      // SECURITY: a link whose target is not http(s)/mailto keeps its text and loses the link.
      const marks = (n.marks ?? []).filter((m) => schema.marks[m.type] && (m.type !== 'link' || isSafeLinkHref(m.attrs?.href)));
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

/** y-prosemirror keeps overlapping marks of one kind as `name--<8 chars hash>` attributes. */
const markName = (attr: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(attr)?.[1] ?? attr;

/**
 * SECURITY: makes remote content of a draft safe in the Y.Doc itself (issue 7, promise 3). An
 * update from the sync server, a change file or another window is built by a client we do not
 * control: it can carry link formats with javascript:/data: targets, attributes the schema does
 * not know (onclick, style, src) or elements the schema does not have (script, iframe). The
 * editor's schema would drop some of that when it renders, but the Yjs state is what is stored,
 * synced on and materialised into `content_json`, so it is cleaned here, as one local change:
 * unsafe links lose their link (the text stays), unknown and script-valued attributes are
 * removed, unknown elements are deleted (y-prosemirror deletes them too when it meets them).
 *
 * `roots` limits the walk to the types a transaction touched (`[type, deep]`: deep = the whole
 * subtree, else the type's own attributes or text); without it the whole draft is checked.
 * Returns the number of fixes made.
 */
export function sanitizeDraft(doc: Y.Doc, origin: unknown, roots?: Iterable<[Y.AbstractType<unknown>, boolean]>): number {
  const schema = draftSchema();
  const fixes: (() => void)[] = [];
  const seen = new Set<Y.AbstractType<unknown>>();
  const visit = (t: Y.AbstractType<unknown>, deep: boolean): void => {
    if (seen.has(t) || t.doc !== doc) return;
    seen.add(t);
    if (t instanceof Y.XmlText) {
      let index = 0;
      for (const op of t.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        const length = typeof op.insert === 'string' ? op.insert.length : 1;
        for (const [attr, value] of Object.entries(op.attributes ?? {})) {
          const name = markName(attr);
          const unsafe =
            !schema.marks[name] ||
            (name === 'link' && !isSafeLinkHref((value as { href?: unknown } | null)?.href)) ||
            Object.values((value ?? {}) as Record<string, unknown>).some(hasScriptScheme);
          if (unsafe) {
            const at = index;
            fixes.push(() => t.format(at, length, { [attr]: null }));
          }
        }
        index += length;
      }
      return;
    }
    if (t instanceof Y.XmlElement) {
      const type = schema.nodes[t.nodeName];
      if (!type || type.isText || t.nodeName === 'doc') {
        fixes.push(() => {
          const parent = t.parent as Y.XmlElement | Y.XmlFragment | null;
          const at = parent ? parent.toArray().indexOf(t) : -1;
          if (parent && at >= 0) parent.delete(at, 1);
        });
        return;
      }
      const known = type.spec.attrs ?? {};
      for (const [name, value] of Object.entries(t.getAttributes() as Record<string, unknown>)) {
        if (!(name in known) || hasScriptScheme(value)) fixes.push(() => t.removeAttribute(name));
      }
    }
    if (deep && (t instanceof Y.XmlElement || t instanceof Y.XmlFragment)) {
      for (const child of t.toArray()) visit(child as unknown as Y.AbstractType<unknown>, true);
    }
  };
  for (const [root, deep] of roots ?? [[doc.getXmlFragment(DRAFT_FRAGMENT), true] as [Y.AbstractType<unknown>, boolean]]) visit(root, deep);
  if (fixes.length > 0) doc.transact(() => fixes.forEach((fix) => fix()), origin);
  return fixes.length;
}
