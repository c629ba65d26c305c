import createDOMPurify from 'dompurify';
import type { JSDOM as JsdomClass } from 'jsdom';
import { createRequire } from 'node:module';
import { parseGermanDate } from '../../../../shared/press/germanDate';
import { decodeBytes, decodeTextFile } from './decodeText';
import type { ReadResult } from './types';

// SECURITY: imported HTML is untrusted. JSDOM runs no scripts (runScripts unset) and loads no
// resources (no `resources` option): nothing is executed or fetched while parsing. DOMPurify then
// keeps only text structure; images, scripts, event handlers, styles, forms and every URL that is
// not http(s)/mailto are removed before anything is stored or shown.
const ALLOWED_TAGS = [
  'p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'strong', 'b', 'em', 'i',
  'u', 's', 'sub', 'sup', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'pre', 'code', 'q', 'cite',
  'dl', 'dt', 'dd', 'figure', 'figcaption', 'abbr', 'small', 'mark',
];
const ALLOWED_ATTR = ['href', 'title', 'colspan', 'rowspan', 'lang'];
const SAFE_URI = /^(?:https?:|mailto:|#)/iu;

/** Elements that are page furniture, never content. */
const BOILERPLATE =
  'script, style, noscript, template, iframe, frame, frameset, object, embed, applet, form, button, input, select, textarea, ' +
  'nav, aside, footer, svg, canvas, video, audio, picture, img, link, meta, base, ' +
  '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], ' +
  '[aria-hidden="true"], [hidden], .cookie, .cookies, .cookie-banner, .breadcrumb, .breadcrumbs, .skip-link, .share, .social';

const BLOCK = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'TR', 'TABLE', 'UL', 'OL', 'PRE', 'HR', 'DL', 'DT', 'DD', 'FIGURE', 'FIGCAPTION', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER']);

function charsetOf(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/iu.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

export function decodeHtml(bytes: Uint8Array): string {
  const declared = charsetOf(bytes);
  if (declared && !/^utf-?8$/u.test(declared)) {
    try {
      return decodeBytes(bytes, declared === 'iso-8859-1' || declared === 'latin1' ? 'windows-1252' : declared);
    } catch {
      // fall through to detection
    }
  }
  return decodeTextFile(bytes).text;
}

/** Plain text of sanitized HTML: blocks separated by blank lines, <br> as line breaks. */
export function htmlToText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/gu, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.tagName === 'BR') {
      parts.push('\n');
      return;
    }
    const block = BLOCK.has(el.tagName);
    if (block) parts.push('\n\n');
    if (el.tagName === 'LI') parts.push('• ');
    if (el.tagName === 'TD' || el.tagName === 'TH') parts.push('\t');
    for (const child of Array.from(el.childNodes)) walk(child);
    if (block) parts.push('\n\n');
  };
  walk(root);
  return parts
    .join('')
    .replace(/[ \t]*\n[ \t]*/gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

// jsdom takes most of a second to load: loaded on the first HTML read, not with the services
// (a CLI command that reads no HTML never pays for it).
const requireHere = createRequire(import.meta.url);
let jsdomClass: typeof JsdomClass | null = null;
function JSDOM(): typeof JsdomClass {
  jsdomClass ??= (requireHere('jsdom') as { JSDOM: typeof JsdomClass }).JSDOM;
  return jsdomClass;
}

let purifier: { window: JsdomClass['window']; purify: ReturnType<typeof createDOMPurify> } | null = null;
function getPurifier() {
  if (!purifier) {
    const { window } = new (JSDOM())('<!doctype html><html><body></body></html>');
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    purify.addHook('afterSanitizeAttributes', (node) => {
      // SECURITY: only http(s)/mailto links survive, and they never open in this window.
      if (node.tagName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (!SAFE_URI.test(href.trim())) node.removeAttribute('href');
      }
    });
    purifier = { window, purify };
  }
  return purifier;
}

export function sanitizeHtml(html: string): string {
  const { purify } = getPurifier();
  return purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URI,
    ALLOW_DATA_ATTR: false,
    KEEP_CONTENT: true,
    FORBID_TAGS: ['style', 'script', 'img', 'svg', 'math'],
  }) as string;
}

/** Sanitized HTML fragment → { html, text }. */
export function sanitizedContent(html: string): { html: string; text: string } {
  const clean = sanitizeHtml(html);
  const { window } = getPurifier();
  const container = window.document.createElement('div');
  container.innerHTML = clean; // already sanitized; parsing in a script-less window
  return { html: clean, text: htmlToText(container) };
}

function meta(doc: Document, ...names: string[]): string | null {
  for (const n of names) {
    const el = doc.querySelector(`meta[name="${n}" i], meta[property="${n}" i]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return null;
}

/**
 * HTML page → main content. The content root is <main>, [role=main] or the largest <article>,
 * else <body>; navigation, header, footer, asides, scripts and styles are dropped.
 */
export function readHtmlString(source: string, mediaType = 'text/html'): ReadResult {
  const dom = new (JSDOM())(source); // SECURITY: no runScripts, no resources → inert document
  const doc = dom.window.document;
  const articles = Array.from(doc.querySelectorAll('article'));
  const largestArticle = articles.sort((a, b) => (b.textContent?.length ?? 0) - (a.textContent?.length ?? 0))[0];
  const root = doc.querySelector('main, [role="main"]') ?? largestArticle ?? doc.body ?? doc.documentElement;
  const h1 = root.querySelector('h1')?.textContent?.trim() || doc.querySelector('h1')?.textContent?.trim();
  const titleHint = h1 || meta(doc, 'og:title', 'dc.title', 'dcterms.title') || doc.title?.trim() || null;
  const dateRaw =
    meta(doc, 'date', 'dc.date', 'dcterms.date', 'article:published_time', 'dcterms.created') ??
    root.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const dateHint = dateRaw ? (/^\d{4}-\d{2}-\d{2}/u.exec(dateRaw)?.[0] ?? parseGermanDate(dateRaw)) : null;
  const publisherHint = meta(doc, 'publisher', 'dc.publisher', 'dcterms.publisher', 'og:site_name');
  for (const el of Array.from(root.querySelectorAll(BOILERPLATE))) el.remove();
  // A page header is furniture, an article's header holds its headline.
  for (const el of Array.from(root.querySelectorAll('header'))) {
    if (!el.closest('article') || el.querySelector('nav')) el.remove();
  }
  const { html, text } = sanitizedContent(root.innerHTML);
  dom.window.close();
  return { text, html, headline: h1 ? h1.replace(/\s+/gu, ' ') : null, titleHint, dateHint, publisherHint, mediaType };
}

export function readHtml(bytes: Uint8Array): ReadResult {
  return readHtmlString(decodeHtml(bytes));
}
