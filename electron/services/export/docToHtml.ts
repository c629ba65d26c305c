import type { LibraryDocument } from '../../../shared/domain/document';
import { escapeHtml, germanDate } from './html';
import { KIND_LABELS, STATUS_LABELS } from './model';
import { treeOf, treeToHtml } from './richToHtml';

const SCREEN_CSS = `body{max-width:42em;margin:3em auto;padding:0 1.2em;font:17px/1.6 Georgia,'Source Serif 4',serif;color:#1c1b19}
h1,h2,h3,h4{line-height:1.25;font-weight:600}h1{font-size:1.9em;margin:0 0 .3em}.meta{color:#5d5a53;font-style:italic;margin:0 0 2em}
.kind{text-transform:uppercase;letter-spacing:.14em;font-size:.75em;color:#5d5a53;margin:0}
figure.quote{margin:1.2em 0 1.2em 1.2em}blockquote{margin:0;padding-left:1em;border-left:2px solid #1f3b57}figcaption{color:#5d5a53;font-size:.9em}
sup.fn-ref{line-height:0}section.footnotes{margin-top:2.5em;border-top:1px solid #ddd;font-size:.9em}.quote-source{color:#5d5a53;font-size:.9em}
blockquote.quote{margin:1.2em 0 1.2em 1.2em;padding-left:1em;border-left:2px solid #1f3b57}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{text-align:left;vertical-align:top;padding:.3em .6em .3em 0;border-bottom:1px solid #ddd}th{border-bottom:1px solid #1c1b19}`;

/**
 * A standalone HTML file of one document. Everything from the document is escaped text or one of
 * a fixed set of elements (treeToHtml, from the export tree); links are http(s)/mailto only.
 */
export function docToHtml(doc: LibraryDocument): string {
  const meta = [germanDate(doc.date), doc.publisher ?? doc.source, doc.place, STATUS_LABELS[doc.status]].filter((v): v is string => !!v);
  const body = treeToHtml(treeOf(doc), { headingOffset: 1, idPrefix: 'abschnitt' });
  // SECURITY: a strict Content-Security-Policy as a second line of defence: no script, no remote loads.
  return `<!doctype html>
<html lang="${escapeHtml(doc.language || 'de')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
${doc.publisher ?? doc.source ? `<meta name="author" content="${escapeHtml((doc.publisher ?? doc.source)!)}">\n` : ''}<style>${SCREEN_CSS}</style>
</head>
<body>
<article>
<header><p class="kind">${escapeHtml(KIND_LABELS[doc.kind])}</p><h1>${escapeHtml(doc.title)}</h1>${meta.length ? `<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>` : ''}</header>
${body}
</article>
</body>
</html>
`;
}
