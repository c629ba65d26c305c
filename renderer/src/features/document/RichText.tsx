import { Fragment, useMemo, type ReactNode } from 'react';
import type { RichNode } from '../../../../shared/domain/document';
import { documentTree, type TreeSource } from '../../../../shared/export/documentTree';
import { normaliseTree, treeFromTiptap, type ExportBlock, type ExportInline, type ExportTree } from '../../../../shared/export/exportTree';
import styles from './RichText.module.css';
import { HighlightedText } from './searchHighlight';

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

/** The document title is the page's only h1: tree level 1 is h2. */
function headingTag(level: number): HeadingTag {
  return `h${Math.min(Math.max(level, 1) + 1, 6)}` as HeadingTag;
}

function renderInline(items: readonly ExportInline[], key: string): ReactNode[] {
  return items.map((i, k) => {
    const id = `${key}.${k}`;
    switch (i.type) {
      case 'break':
        return <br key={id} />;
      case 'citation':
        return (
          <cite key={id} className={styles.citation}>
            <HighlightedText text={i.label} />
          </cite>
        );
      case 'footnoteRef':
        return (
          <sup key={id} className={styles.footnoteRef}>
            <a href={`#fn-${i.n}`}>{i.n}</a>
          </sup>
        );
      case 'text': {
        // Search terms of an opened hit are marked (features/document/searchHighlight).
        let out: ReactNode = <HighlightedText text={i.text} />;
        const m = i.marks;
        if (m.code) out = <code>{out}</code>;
        if (m.bold) out = <strong>{out}</strong>;
        if (m.italic) out = <em>{out}</em>;
        if (m.underline) out = <u>{out}</u>;
        if (m.strike) out = <s>{out}</s>;
        if (m.sub) out = <sub>{out}</sub>;
        if (m.sup) out = <sup>{out}</sup>;
        // SECURITY: the tree holds only absolute http(s)/mailto targets; no opener, no referrer.
        if (m.href) {
          out = (
            <a href={m.href} target="_blank" rel="noopener noreferrer">
              {out}
            </a>
          );
        }
        return <Fragment key={id}>{out}</Fragment>;
      }
    }
  });
}

/** The tree's nesting is bounded (MAX_TREE_DEPTH), so this recursion is too. */
function renderBlocks(list: readonly ExportBlock[], key: string): ReactNode[] {
  return list.map((b, k) => renderBlock(b, `${key}.${k}`));
}

function renderBlock(b: ExportBlock, key: string): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return <p key={key}>{renderInline(b.content, key)}</p>;
    case 'heading': {
      const Tag = headingTag(b.level);
      return <Tag key={key}>{renderInline(b.content, key)}</Tag>;
    }
    case 'list': {
      const items = b.items.map((it, k) => <li key={k}>{renderBlocks(it, `${key}.${k}`)}</li>);
      return b.ordered ? (
        <ol key={key} start={b.start !== 1 ? b.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return (
        <blockquote key={key}>
          {renderBlocks(b.content, key)}
          {b.source ? <p className={styles.quoteSource}>— {b.source}</p> : null}
        </blockquote>
      );
    case 'rule':
      return <hr key={key} />;
    case 'code':
      return (
        <pre key={key}>
          <code>{b.text}</code>
        </pre>
      );
    case 'table':
      return (
        // Focusable, so a table wider than a narrow window scrolls by keyboard too (WCAG 2.1.1, 1.4.10).
        <div key={key} className={styles.tableWrap} tabIndex={0}>
          <table>
            <tbody>
              {b.rows.map((r, ri) => (
                <tr key={ri}>
                  {r.cells.map((c, ci) => {
                    const Cell = c.header ? 'th' : 'td';
                    return (
                      <Cell key={ci} colSpan={c.colspan > 1 ? c.colspan : undefined} rowSpan={c.rowspan > 1 ? c.rowspan : undefined}>
                        {renderBlocks(c.content, `${key}.${ri}.${ci}`)}
                      </Cell>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/**
 * Renders the export tree (shared/export) as React elements, the same tree every export prints
 * from: footnotes and citations of drafts, and the headings, lists, tables and links of imported
 * documents. Never `innerHTML`: text stays text, and only the elements above can appear.
 */
export function TreeView({ tree }: { tree: ExportTree }) {
  return (
    <div className={styles.rich}>
      {renderBlocks(tree.blocks, 'b')}
      {tree.footnotes.length > 0 ? (
        <section className={styles.footnotes}>
          <ol>
            {tree.footnotes.map((f, i) => (
              <li key={i} id={`fn-${i + 1}`}>
                {renderInline(f, `fn${i}`)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

/** tiptap JSON (a draft's content, a version) through the export tree. */
export function RichText({ doc }: { doc: RichNode }) {
  const tree = useMemo(() => normaliseTree(treeFromTiptap(doc), null), [doc]);
  return <TreeView tree={tree} />;
}

/** A library document as the read view shows it: draft JSON, imported HTML or plain text. */
export function DocumentText({ doc }: { doc: TreeSource }) {
  const { title, content, bodyHtml, bodyText } = doc;
  const tree = useMemo(() => documentTree({ title, content, bodyHtml, bodyText }), [title, content, bodyHtml, bodyText]);
  return <TreeView tree={tree} />;
}
