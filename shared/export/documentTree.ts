import type { RichNode } from '../domain/document';
import { normaliseTree, treeFromPlain, treeFromTiptap, type ExportTree } from './exportTree';
import { treeFromHtml } from './htmlToTree';

export interface TreeSource {
  title: string;
  content: RichNode | null;
  bodyHtml?: string | null;
  bodyText: string;
}

/**
 * The export tree of a library document: its own tiptap JSON (drafts), else the sanitised HTML
 * it was imported with (structure kept), else its plain text. Every output and the read view call this.
 */
export function documentTree(doc: TreeSource): ExportTree {
  let tree: ExportTree | null = null;
  if (doc.content) tree = treeFromTiptap(doc.content);
  else if (doc.bodyHtml && doc.bodyHtml.trim()) {
    const fromHtml = treeFromHtml(doc.bodyHtml);
    if (fromHtml.blocks.length > 0) tree = fromHtml;
  }
  tree ??= treeFromPlain(doc.bodyText);
  return normaliseTree(tree, doc.title);
}

/** The tree of content that has no document around it (a version of the Synopse). */
export function contentTree(content: RichNode, title: string | null = null): ExportTree {
  return normaliseTree(treeFromTiptap(content), title);
}
