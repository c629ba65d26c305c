import { blocksText, inlineText, type ExportBlock, type ExportTree } from '../../../../shared/export/exportTree';
import { cssString, escapeHtml, germanDate } from '../html';
import { hyphenateGerman } from '../hyphenate';
import type { PrintResources } from '../printResources';
import { alignBlocks, diffWords } from '../wordDiff';

export interface SynopsisSide {
  label: string;
  createdAt: string | null;
  tree: ExportTree;
}

export interface SynopsisInput {
  title: string;
  author: string;
  generatedAt: string;
  from: SynopsisSide;
  to: SynopsisSide;
}

interface Block {
  kind: 'heading' | 'paragraph' | 'item' | 'quote' | 'row';
  level: number;
  text: string;
}

/** The comparable units of a version: headings, paragraphs, list items, quoted paragraphs, table rows. */
export function synopsisBlocks(tree: ExportTree): Block[] {
  const out: Block[] = [];
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  // The tree's nesting is bounded (MAX_TREE_DEPTH), so this recursion is too.
  const walk = (list: readonly ExportBlock[], ctx: { quote: boolean; item: boolean }) => {
    for (const b of list) {
      switch (b.type) {
        case 'heading':
          out.push({ kind: 'heading', level: b.level, text: flat(inlineText(b.content)) });
          break;
        case 'paragraph': {
          const text = flat(inlineText(b.content));
          if (text) out.push({ kind: ctx.quote ? 'quote' : ctx.item ? 'item' : 'paragraph', level: 0, text });
          break;
        }
        case 'code': {
          const text = flat(b.text);
          if (text) out.push({ kind: 'paragraph', level: 0, text });
          break;
        }
        case 'table':
          for (const r of b.rows) out.push({ kind: 'row', level: 0, text: r.cells.map((c) => flat(blocksText(c.content))).join(' | ') });
          break;
        case 'quote':
          walk(b.content, { ...ctx, quote: true });
          break;
        case 'list':
          for (const it of b.items) walk(it, { ...ctx, item: true });
          break;
        case 'rule':
          break;
      }
    }
  };
  walk(tree.blocks, { quote: false, item: false });
  return out;
}

function cell(block: Block | null, html: string, change: string): string {
  if (!block) return `<td class="empty-cell ${change}"></td>`;
  const cls = block.kind === 'heading' ? `s-h s-h${Math.min(block.level, 3)}` : `s-${block.kind}`;
  return `<td class="${change}"><div class="${cls}">${html}</div></td>`;
}

export interface RenderedSynopsis {
  html: string;
  stats: { same: number; changed: number; removed: number; added: number };
}

/** The Synopse: both versions side by side, removed words struck through on the left, added ones underlined on the right. */
export function renderSynopsis(input: SynopsisInput, res: PrintResources): RenderedSynopsis {
  const left = synopsisBlocks(input.from.tree);
  const right = synopsisBlocks(input.to.tree);
  const rows = alignBlocks(left, right, (b) => b.text);
  const stats = { same: 0, changed: 0, removed: 0, added: 0 };
  const rows2 = rows;
  const body = rows2
    .map(({ left: l, right: r }) => {
      // Headings stay whole; running text gets soft hyphens for the narrow columns.
      const h = (s: string) => escapeHtml((l ?? r)!.kind === 'heading' ? s : hyphenateGerman(s));
      if (l && r && l.text === r.text) {
        stats.same++;
        return `<tr>${cell(l, h(l.text), 'same')}${cell(r, h(r.text), 'same')}</tr>`;
      }
      if (l && r) {
        stats.changed++;
        const ops = diffWords(l.text, r.text);
        const lhtml = ops.map((o) => (o.type === 'equal' ? h(o.text) : o.type === 'del' ? `<del>${h(o.text)}</del>` : '')).join('');
        const rhtml = ops.map((o) => (o.type === 'equal' ? h(o.text) : o.type === 'ins' ? `<ins>${h(o.text)}</ins>` : '')).join('');
        return `<tr>${cell(l, lhtml, 'changed')}${cell(r, rhtml, 'changed')}</tr>`;
      }
      if (l) {
        stats.removed++;
        return `<tr>${cell(l, `<del>${h(l.text)}</del>`, 'removed')}${cell(null, '', 'removed')}</tr>`;
      }
      stats.added++;
      return `<tr>${cell(null, '', 'added')}${cell(r!, `<ins>${h(r!.text)}</ins>`, 'added')}</tr>`;
    })
    .join('\n');
  const side = (s: SynopsisSide) => `${escapeHtml(s.label)}${s.createdAt ? `<span class="s-date">${escapeHtml(germanDate(s.createdAt) ?? '')}</span>` : ''}`;
  const summary = `${stats.changed} geändert · ${stats.removed} entfallen · ${stats.added} neu · ${stats.same} unverändert`;
  const html = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(`Synopse: ${input.title}`)}</title>
<meta name="author" content="${escapeHtml(input.author)}">
<style>${res.fontFaces}
${res.css('print')}
${res.css('synopsis')}
@page {
  size: A4 landscape;
  margin: 20mm 18mm 20mm 18mm;
  @top-left { content: ${cssString(`Synopse · ${input.title}`)}; }
  @top-right { content: ${cssString(`${input.from.label} – ${input.to.label}`)}; }
  @bottom-left { content: ${cssString(`Stand: ${germanDate(input.generatedAt)}`)}; }
  @bottom-right { content: "Seite " counter(page) " von " counter(pages); }
}</style></head>
<body class="synopsis">${res.fontWarmup}
<header class="s-head">
<p class="doc-kind">Synopse</p>
<h1 class="s-title">${escapeHtml(input.title)}</h1>
<p class="s-summary">${escapeHtml(summary)}</p>
<p class="s-legend"><del>entfallener Text</del> <ins>neuer Text</ins></p>
</header>
<table class="s-table">
<colgroup><col class="s-col"><col class="s-col"></colgroup>
<thead><tr><th scope="col">${side(input.from)}</th><th scope="col">${side(input.to)}</th></tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>`;
  return { html, stats };
}
