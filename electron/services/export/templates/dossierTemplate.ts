import { cssString, escapeHtml, germanDate } from '../html';
import { hyphenateGerman } from '../hyphenate';
import { KIND_LABELS, STATUS_LABELS, type DossierModel, type PrintDocument, type PrintQuote } from '../model';
import type { PrintResources } from '../printResources';
import { contentTree } from '../../../../shared/export/documentTree';
import { treeToHtml, type HeadingRef } from '../richToHtml';

export interface TocEntry {
  /** 1 = TOP (or document in a dossier without session), 2 = document, 3 = section. */
  level: number;
  label: string | null;
  title: string;
  /** Id of the heading; the PDF's named destination of the same name tells its page. */
  id: string;
}

/** A bookmark: every heading of the output, nested by level (1 = top). */
export interface OutlineEntry {
  level: number;
  title: string;
  id: string;
}

export interface RenderedDossier {
  html: string;
  toc: TocEntry[];
  outline: OutlineEntry[];
}

/** Page numbers are known only after the first print; the box keeps its width so the TOC does not reflow. */
export type PageLookup = (id: string) => number | null;

function metaLine(d: PrintDocument): string {
  const parts = [germanDate(d.date), d.publisher ?? d.source, d.place, d.status === 'draft' ? STATUS_LABELS.draft : null]
    .filter((p): p is string => !!p)
    .filter((p, i, all) => all.indexOf(p) === i);
  return parts.map(escapeHtml).join('<span class="sep"> · </span>');
}

function quoteCaption(q: PrintQuote, d: PrintDocument): string {
  const who = [q.person, [q.role, q.organisation].filter(Boolean).join(', ') || null].filter(Boolean).join(', ');
  const when = germanDate(q.saidOn ?? d.date);
  const where = d.source ?? d.publisher ?? d.title;
  return [who || null, when ? `am ${when}` : null, where ? `Quelle: ${where}` : null].filter(Boolean).join('; ');
}

function quoted(text: string): string {
  const t = text.trim();
  return /^[„"»‚]/.test(t) ? t : `„${t}“`;
}

function documentHtml(
  d: PrintDocument,
  idx: number,
  level: number,
  toc: TocEntry[],
  outline: OutlineEntry[],
  opts: { pageBreak: boolean },
): string {
  const id = `doc-${idx}`;
  const headings: HeadingRef[] = [];
  const tree = d.tree ?? (d.content ? contentTree(d.content, d.title) : { blocks: [], footnotes: [] });
  const body = treeToHtml(tree, { hyphenate: true, printUrls: true, headingOffset: level, idPrefix: `${id}-h`, headings });
  toc.push({ level: level === 1 ? 1 : 2, label: null, title: d.title, id });
  outline.push({ level, title: d.title, id });
  for (const hd of headings) if (hd.text) outline.push({ level: level + hd.level, title: hd.text, id: hd.id });
  // The TOC lists the top level of the document's own outline; deeper levels are bookmarks only.
  const top = Math.min(...headings.map((h) => h.level));
  for (const h of headings) if (h.level === top && h.text) toc.push({ level: level === 1 ? 2 : 3, label: null, title: h.text, id: h.id });
  const quotes = d.quotes.length
    ? `<aside class="quotes"><p class="quotes-title">Aussagen in diesem Dokument</p>${d.quotes
        .map(
          (q) =>
            `<blockquote class="quote"><p>${escapeHtml(hyphenateGerman(quoted(q.text)))}</p><p class="quote-source">${escapeHtml(quoteCaption(q, d))}</p></blockquote>`,
        )
        .join('')}</aside>`
    : '';
  const tag = `h${level}`;
  return `<article class="doc${opts.pageBreak ? ' page-break' : ''}">
<header class="doc-head"><p class="doc-kind">${escapeHtml(KIND_LABELS[d.kind])}</p><${tag} id="${id}" class="doc-title">${escapeHtml(d.title)}</${tag}>${
    metaLine(d) ? `<p class="doc-meta">${metaLine(d)}</p>` : ''
  }</header>
<div class="doc-body">${body || '<p class="empty">Dieses Dokument hat keinen Text.</p>'}</div>${quotes}
</article>`;
}

function tocHtml(toc: TocEntry[], pageOf: PageLookup): string {
  const items = toc
    .map((e) => {
      const page = pageOf(e.id);
      const label = e.label ? `<span class="toc-label">${escapeHtml(e.label)}</span>` : '';
      return `<li class="toc-l${e.level}"><a href="#${e.id}">${label}<span class="toc-title">${escapeHtml(e.title)}</span><span class="toc-leader"></span><span class="toc-page">${page ?? ''}</span></a></li>`;
    })
    .join('');
  return `<nav class="toc" aria-labelledby="inhalt"><h1 id="inhalt" class="front-title">Inhalt</h1><ol>${items}</ol></nav>`;
}

function pageRules(m: DossierModel): string {
  const right = germanDate(m.date) ?? '';
  const footerLeft = `Stand: ${germanDate(m.generatedAt)}`;
  return `@page {
  size: A4 ${m.landscape ? 'landscape' : 'portrait'};
  @top-left { content: ${cssString(m.title)}; }
  @top-right { content: ${cssString(right)}; }
  @bottom-left { content: ${cssString(footerLeft)}; }
  @bottom-right { content: "Seite " counter(page) " von " counter(pages); }
}${m.kind === 'document' ? '\n@page :first { @top-left { content: none; } @top-right { content: none; } }' : ''}`;
}

function cover(m: DossierModel): string {
  const rows: [string, string | null][] = [
    ['Gremium', m.committee],
    ['Datum', germanDate(m.date)],
    ['Ort', m.place],
  ];
  const meta = rows
    .filter(([, v]) => v)
    .map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v!)}</dd></div>`)
    .join('');
  const kicker = m.kind === 'session' ? 'Sitzungsunterlagen' : 'Dossier';
  const docCount = m.kind === 'session' ? m.agenda.reduce((n, a) => n + a.documents.length, 0) : m.documents.length;
  const scope =
    m.kind === 'session'
      ? `${m.agenda.length} Tagesordnungspunkt${m.agenda.length === 1 ? '' : 'e'} · ${docCount} Unterlage${docCount === 1 ? '' : 'n'}`
      : `${docCount} Dokument${docCount === 1 ? '' : 'e'}`;
  return `<section class="cover">
<p class="cover-kicker">${kicker}</p>
<h1 class="cover-title" id="titel">${escapeHtml(m.title)}</h1>
${meta ? `<dl class="cover-meta">${meta}</dl>` : ''}
<p class="cover-status cover-status-${m.status}">${m.status === 'draft' ? 'Entwurf' : 'Endfassung'}</p>
<p class="cover-scope">${scope}</p>
<p class="cover-foot">Stand: ${escapeHtml(germanDate(m.generatedAt) ?? '')} · erstellt mit Quartierswissen</p>
</section>`;
}

function agendaHtml(m: DossierModel): string {
  const items = m.agenda
    .map((a) => {
      const docs = a.documents.length
        ? `<ul class="agenda-docs">${a.documents.map((d) => `<li><span class="agenda-kind">${escapeHtml(KIND_LABELS[d.kind])}</span> ${escapeHtml(d.title)}</li>`).join('')}</ul>`
        : '';
      const desc = a.description ? `<p class="agenda-desc">${escapeHtml(hyphenateGerman(a.description))}</p>` : '';
      return `<li><span class="agenda-number">TOP ${a.number}</span><div class="agenda-body"><p class="agenda-title">${escapeHtml(a.title)}</p>${desc}${docs}</div></li>`;
    })
    .join('');
  return `<section class="agenda"><h1 id="tagesordnung" class="front-title">Tagesordnung</h1>${
    items ? `<ol class="agenda-list">${items}</ol>` : '<p class="empty">Die Tagesordnung ist noch leer.</p>'
  }</section>`;
}

/**
 * The one template of the PDF export: a session dossier (cover, agenda, contents, one section per
 * TOP with its documents), a dossier of several documents (cover, contents, documents) or a single
 * document. Called once per print pass with the page numbers found in the previous pass.
 */
export function renderDossier(m: DossierModel, res: PrintResources, pageOf: PageLookup = () => null): RenderedDossier {
  const toc: TocEntry[] = [];
  const outline: OutlineEntry[] = [];
  let body: string;
  if (m.kind === 'document') {
    const d = m.documents[0]!;
    body = documentHtml(d, 1, 1, toc, outline, { pageBreak: false });
    toc.length = 0;
  } else if (m.kind === 'documents') {
    outline.push({ level: 1, title: m.title, id: 'titel' }, { level: 1, title: 'Inhalt', id: 'inhalt' });
    const docs = m.documents.map((d, i) => documentHtml(d, i + 1, 1, toc, outline, { pageBreak: true })).join('\n');
    body = `${cover(m)}\n${tocHtml(toc, pageOf)}\n${docs}`;
  } else {
    let n = 0;
    outline.push(
      { level: 1, title: m.title, id: 'titel' },
      { level: 1, title: 'Tagesordnung', id: 'tagesordnung' },
      { level: 1, title: 'Inhalt', id: 'inhalt' },
    );
    const sections = m.agenda
      .map((a) => {
        const id = `top-${a.number}`;
        toc.push({ level: 1, label: `TOP ${a.number}`, title: a.title, id });
        outline.push({ level: 1, title: `TOP ${a.number} · ${a.title}`, id });
        const docs = a.documents.map((d, i) => documentHtml(d, ++n, 2, toc, outline, { pageBreak: i > 0 })).join('\n');
        const desc = a.description ? `<p class="top-desc">${escapeHtml(hyphenateGerman(a.description))}</p>` : '';
        const none = a.documents.length ? '' : '<p class="empty">Zu diesem Tagesordnungspunkt gibt es keine Unterlagen.</p>';
        return `<section class="top"><h1 id="${id}" class="top-title"><span class="top-number">TOP ${a.number}</span> ${escapeHtml(a.title)}</h1>${desc}${none}${docs}</section>`;
      })
      .join('\n');
    body = `${cover(m)}\n${agendaHtml(m)}\n${tocHtml(toc, pageOf)}\n${sections}`;
  }
  // Chromium writes a named destination for every element a link points to: these invisible links
  // make one for each heading, so the bookmarks can point exactly at them.
  const destinations = `<div class="dest-refs" aria-hidden="true">${outline.map((o) => `<a href="#${o.id}" tabindex="-1">.</a>`).join('')}</div>`;
  const watermark = m.watermark ? '<div class="watermark" aria-hidden="true"><span>ENTWURF</span></div>' : '';
  const html = `<!doctype html>
<html lang="de"><head><meta charset="utf-8">
<title>${escapeHtml(m.title)}</title>
<meta name="author" content="${escapeHtml(m.author)}">
<style>${res.fontFaces}
${res.css('print')}
${pageRules(m)}</style></head>
<body class="kind-${m.kind}${m.landscape ? ' landscape' : ''}">${res.fontWarmup}${destinations}${watermark}
${body}
</body></html>`;
  return { html, toc, outline };
}
