import { Fragment, type ReactNode } from 'react';
import type { RichNode } from '../../../../shared/domain/document';
import styles from './RichText.module.css';
import { safeHref } from './safeHref';
import { HighlightedText } from './searchHighlight';

/** Nesting deeper than this is not a real document; the rest is left out instead of overflowing the stack. */
const MAX_DEPTH = 64;

type HeadingTag = 'h2' | 'h3' | 'h4' | 'h5' | 'h6';

function headingTag(level: unknown): HeadingTag {
  const n = typeof level === 'number' && Number.isInteger(level) ? Math.min(Math.max(level, 1), 6) : 1;
  // The document title is the page's only h1: content headings start one level below it.
  return `h${Math.min(n + 1, 6)}` as HeadingTag;
}

function span(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 1 && value < 1000 ? value : undefined;
}

function renderText(node: RichNode): ReactNode {
  // Search terms of an opened hit are marked (features/document/searchHighlight).
  let out: ReactNode = <HighlightedText text={node.text ?? ''} />;
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'bold':
        out = <strong>{out}</strong>;
        break;
      case 'italic':
        out = <em>{out}</em>;
        break;
      case 'underline':
        out = <u>{out}</u>;
        break;
      case 'strike':
        out = <s>{out}</s>;
        break;
      case 'code':
        out = <code>{out}</code>;
        break;
      case 'link': {
        const href = safeHref(mark.attrs?.href);
        // SECURITY: no opener, no referrer; unsafe schemes (javascript:, file:, data:) keep only their text.
        if (href) {
          out = (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {out}
            </a>
          );
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function renderChildren(node: RichNode, depth: number): ReactNode[] {
  return (node.content ?? []).map((child, index) => renderNode(child, index, depth + 1));
}

function renderNode(node: RichNode, key: number, depth: number): ReactNode {
  if (depth > MAX_DEPTH) return null;
  const children = () => renderChildren(node, depth);
  switch (node.type) {
    case 'text':
      return <Fragment key={key}>{renderText(node)}</Fragment>;
    case 'paragraph':
      return <p key={key}>{children()}</p>;
    case 'heading': {
      const Tag = headingTag(node.attrs?.level);
      return <Tag key={key}>{children()}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{children()}</ul>;
    case 'orderedList': {
      const start = node.attrs?.start;
      return (
        <ol key={key} start={typeof start === 'number' && Number.isInteger(start) && start !== 1 ? start : undefined}>
          {children()}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{children()}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children()}</blockquote>;
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children()}</code>
        </pre>
      );
    case 'table':
      return (
        // Focusable, so a table wider than a narrow window scrolls by keyboard too (WCAG 2.1.1, 1.4.10).
        <div key={key} className={styles.tableWrap} tabIndex={0}>
          <table>
            <tbody>{children()}</tbody>
          </table>
        </div>
      );
    case 'tableRow':
      return <tr key={key}>{children()}</tr>;
    case 'tableHeader':
      return (
        <th key={key} colSpan={span(node.attrs?.colspan)} rowSpan={span(node.attrs?.rowspan)}>
          {children()}
        </th>
      );
    case 'tableCell':
      return (
        <td key={key} colSpan={span(node.attrs?.colspan)} rowSpan={span(node.attrs?.rowspan)}>
          {children()}
        </td>
      );
    default:
      // `doc` and nodes this view does not know: keep their content, drop the wrapper.
      return <Fragment key={key}>{children()}</Fragment>;
  }
}

/**
 * Renders tiptap JSON as React elements, node by node. Never `innerHTML`: text stays text, and
 * only the elements listed above can appear.
 */
export function RichText({ doc }: { doc: RichNode }) {
  return <div className={styles.rich}>{renderNode(doc, 0, 0)}</div>;
}
