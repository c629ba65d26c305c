import {
  MAX_TREE_DEPTH,
  safeLinkTarget,
  type ExportBlock,
  type ExportCell,
  type ExportInline,
  type ExportRow,
  type ExportTree,
  type InlineMarks,
} from './exportTree';

/**
 * Sanitised imported HTML (`body_html` as stored: DOMPurify output of the import readers) → the
 * export tree. shared/ has no DOM, so this is a small tolerant tokenizer plus a builder with
 * explicit stacks: linear in the input, no recursion (6,000 or 100,000 nested `<b>` are one bold
 * run, not a stack overflow — issue 17), block nesting bounded by MAX_TREE_DEPTH (deeper blocks
 * are flattened into their parent, their text kept). Nothing of the HTML reaches an output as
 * markup: every renderer escapes the tree's text.
 *
 * Footnotes as the readers store them (mammoth: `<sup><a href="#footnote-1">[1]</a></sup>` and a
 * closing `<ol>` whose items end in `<a href="#footnote-ref-1">↑</a>`; pandoc/Word HTML alike)
 * become real footnotes: the number a reference, the list the footnote texts.
 */

const VOID = new Set(['br', 'hr', 'img', 'wbr', 'meta', 'link', 'input', 'col', 'area', 'base', 'source']);
const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'title', 'head', 'svg', 'math']);
const LEAF = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'figcaption', 'pre', 'caption', 'summary']);
const TRANSPARENT_BLOCK = new Set(['div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'dl', 'details', 'address', 'center', 'body', 'html', 'thead', 'tbody', 'tfoot', 'colgroup', 'fieldset', 'form']);
const MARK_OF: Record<string, keyof Omit<InlineMarks, 'href'>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  cite: 'italic',
  dfn: 'italic',
  var: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strike',
  strike: 'strike',
  del: 'strike',
  code: 'code',
  kbd: 'code',
  samp: 'code',
  tt: 'code',
  sub: 'sub',
  sup: 'sup',
};
const BACKLINK = /^\s*(?:↑|↩\uFE0E?|↩\uFE0F?|\^|⤴|\u21A9|back|zurück)\s*$/iu;
const NOTE_LABEL = /^\s*\[?\s*(\d{1,4})\s*\]?\s*$/u;

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', shy: '\u00AD', ndash: '–', mdash: '—', hellip: '…',
  laquo: '«', raquo: '»', bdquo: '„', ldquo: '“', rdquo: '”', sbquo: '‚', lsquo: '‘', rsquo: '’', euro: '€', sect: '§',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', copy: '©', reg: '®', deg: '°', middot: '·',
  bull: '•', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003', zwnj: '', zwj: '', lrm: '', rlm: '', times: '×', para: '¶',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED[ref] ?? whole;
  });
}

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; tag: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; tag: string };

/** Reads one tag at `<`; returns the token and the index after it, or null if `<` is just text. */
function readTag(html: string, at: number): { token: Token; end: number } | null {
  let i = at + 1;
  const closing = html[i] === '/';
  if (closing) i++;
  const nameMatch = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(html.slice(i, i + 32));
  if (!nameMatch) return null;
  const tag = nameMatch[0].toLowerCase();
  i += nameMatch[0].length;
  const attrs: Record<string, string> = {};
  let selfClosing = false;
  // Attributes: name, optional = and a quoted or bare value; '>' inside quotes does not end the tag.
  while (i < html.length) {
    const c = html[i]!;
    if (c === '>') return { token: closing ? { kind: 'close', tag } : { kind: 'open', tag, attrs, selfClosing }, end: i + 1 };
    if (c === '/' ) {
      selfClosing = html[i + 1] === '>';
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let j = i;
    while (j < html.length && !/[\s=>/]/.test(html[j]!)) j++;
    const name = html.slice(i, j).toLowerCase();
    i = j;
    while (i < html.length && /\s/.test(html[i]!)) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < html.length && /\s/.test(html[i]!)) i++;
      const q = html[i];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, i + 1);
        const stop = close < 0 ? html.length : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        let k = i;
        while (k < html.length && !/[\s>]/.test(html[k]!)) k++;
        value = html.slice(i, k);
        i = k;
      }
    }
    if (name && !(name in attrs)) attrs[name] = decodeEntities(value);
    if (j === i && value === '' && html[i] !== '>' && html[i] !== '/' && !/\s/.test(html[i] ?? '')) i++;
  }
  return { token: closing ? { kind: 'close', tag } : { kind: 'open', tag, attrs, selfClosing }, end: html.length };
}

function* tokens(html: string): Generator<Token> {
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      yield { kind: 'text', text: decodeEntities(html.slice(i)) };
      return;
    }
    if (lt > i) yield { kind: 'text', text: decodeEntities(html.slice(i, lt)) };
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      yield { kind: 'text', text: '<' };
      i = lt + 1;
      continue;
    }
    yield tag.token;
    i = tag.end;
  }
}

// ---- builder ------------------------------------------------------------------------------------

interface ContainerFrame {
  kind: 'container';
  tag: string;
  /** root, li, cell or quote: what the blocks become when the frame closes. */
  role: 'root' | 'item' | 'cell' | 'quote';
  blocks: ExportBlock[];
  cell?: { header: boolean; colspan: number; rowspan: number };
  /** A list item whose content ends in a back-link: a footnote text. */
  footnote?: boolean;
  markDepth: number;
}
interface LeafFrame {
  kind: 'leaf';
  tag: string;
  inlines: ExportInline[];
  pre: boolean;
  markDepth: number;
}
interface ListFrame {
  kind: 'list';
  tag: string;
  ordered: boolean;
  start: number;
  items: ContainerFrame[];
  markDepth: number;
}
interface TableFrame {
  kind: 'table';
  tag: string;
  rows: ExportRow[];
  markDepth: number;
}
interface RowFrame {
  kind: 'row';
  tag: string;
  cells: ExportCell[];
  markDepth: number;
}
type Frame = ContainerFrame | LeafFrame | ListFrame | TableFrame | RowFrame;

interface OpenMark {
  tag: string;
  mark: keyof Omit<InlineMarks, 'href'> | 'href' | null;
  href?: string | null;
  /** Internal link (`#…`): may be a footnote reference or a back-link; index of its first inline. */
  internal?: { container: ExportInline[]; from: number };
}

function spanAttr(v: string | undefined): number {
  const n = v ? Number.parseInt(v, 10) : 1;
  return Number.isInteger(n) && n > 1 && n < 1000 ? n : 1;
}

const HEADING = /^h([1-6])$/;

class HtmlTreeBuilder {
  private readonly root: ContainerFrame = { kind: 'container', tag: '#root', role: 'root', blocks: [], markDepth: 0 };
  private readonly frames: Frame[] = [this.root];
  private readonly frameTags = new Map<string, number>();
  /** Openings past the depth bound that were not pushed: their close tags are ignored. */
  private readonly skipped = new Map<string, number>();
  private readonly marks: OpenMark[] = [];
  private readonly markTags = new Map<string, number>();
  private readonly markCount: Record<string, number> = {};
  private hrefs: (string | null)[] = [];
  /** Implicit paragraph of the innermost container (text outside <p>). */
  private implicit: LeafFrame | null = null;
  private skipDepth = 0;
  /** The internal link opened last: text must not merge into an inline that started before it. */
  private lastInternal: { container: ExportInline[]; from: number } | null = null;
  private skipTag = '';
  /** Footnote references in order: the inline object to fill in and the label's number. */
  readonly refs: { inline: { type: 'footnoteRef'; n: number }; label: number }[] = [];
  readonly notes: ExportInline[][] = [];

  build(html: string): ExportBlock[] {
    for (const t of tokens(html)) {
      if (this.skipDepth > 0) {
        if (t.kind === 'open' && t.tag === this.skipTag && !t.selfClosing) this.skipDepth++;
        else if (t.kind === 'close' && t.tag === this.skipTag) this.skipDepth--;
        continue;
      }
      if (t.kind === 'text') this.text(t.text);
      else if (t.kind === 'open') this.open(t.tag, t.attrs, t.selfClosing);
      else this.close(t.tag);
    }
    while (this.frames.length > 1) this.popFrame();
    this.flushImplicit();
    return this.root.blocks;
  }

  // -- frames

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private container(): ContainerFrame {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      if (f.kind === 'container') return f;
    }
    return this.root;
  }

  private depth(): number {
    let d = 0;
    for (const f of this.frames) if (f.kind !== 'leaf' && f.kind !== 'row') d++;
    return d;
  }

  private push(f: Frame): void {
    this.frames.push(f);
    this.frameTags.set(f.tag, (this.frameTags.get(f.tag) ?? 0) + 1);
  }

  private popFrame(): void {
    const f = this.frames.pop()!;
    this.frameTags.set(f.tag, (this.frameTags.get(f.tag) ?? 1) - 1);
    this.truncateMarks(f.markDepth);
    if (f.kind === 'container') this.flushImplicit(f);
    const parent = this.container();
    const parentTop = this.top();
    switch (f.kind) {
      case 'leaf': {
        const block = this.leafBlock(f);
        if (block) this.appendBlock(block);
        break;
      }
      case 'container': {
        if (f.role === 'item' && parentTop.kind === 'list') parentTop.items.push(f);
        else if (f.role === 'cell' && parentTop.kind === 'row') parentTop.cells.push({ ...f.cell!, content: f.blocks });
        else if (f.role === 'quote') this.appendQuote(parent, f.blocks);
        else parent.blocks.push(...f.blocks);
        break;
      }
      case 'list': {
        if (f.items.length && f.items.every((i) => i.footnote)) {
          // A list of footnote texts (each ends in a back-link): the document's footnotes.
          for (const item of f.items) this.notes.push(noteInlines(item.blocks));
          const last = parent.blocks[parent.blocks.length - 1];
          if (last?.type === 'rule') parent.blocks.pop();
        } else if (f.items.length) {
          parent.blocks.push({ type: 'list', ordered: f.ordered, start: f.start, items: f.items.map((i) => i.blocks) });
        }
        break;
      }
      case 'row':
        if (parentTop.kind === 'table') parentTop.rows.push({ cells: f.cells });
        break;
      case 'table':
        if (f.rows.length) parent.blocks.push({ type: 'table', rows: f.rows });
        break;
    }
  }

  private appendQuote(parent: ContainerFrame, blocks: ExportBlock[]): void {
    if (blocks.length) parent.blocks.push({ type: 'quote', content: blocks, source: null });
  }

  private appendBlock(block: ExportBlock): void {
    const c = this.container();
    const last = c.blocks[c.blocks.length - 1];
    // <figure><blockquote>…</blockquote><figcaption>source</figcaption></figure>: the caption names the source.
    if (block.type === 'paragraph' && (block as { caption?: true }).caption && last?.type === 'quote' && !last.source) {
      last.source = block.content.map((i) => (i.type === 'text' ? i.text : '')).join('').trim() || null;
      return;
    }
    delete (block as { caption?: true }).caption;
    c.blocks.push(block);
  }

  private leafBlock(f: LeafFrame): ExportBlock | null {
    if (f.pre) {
      const text = f.inlines.map((i) => (i.type === 'text' ? i.text : i.type === 'break' ? '\n' : '')).join('').replace(/^\n/, '').replace(/\s+$/, '');
      return text ? { type: 'code', text } : null;
    }
    const content = trimInlines(f.inlines);
    if (content.length === 0) return null;
    const h = HEADING.exec(f.tag);
    if (h) return { type: 'heading', level: Number(h[1]), content };
    const block: ExportBlock & { caption?: true } = { type: 'paragraph', content };
    if (f.tag === 'figcaption') block.caption = true;
    return block;
  }

  private flushImplicit(owner?: ContainerFrame): void {
    const p = this.implicit;
    if (!p) return;
    this.implicit = null;
    const content = trimInlines(p.inlines);
    if (content.length) (owner ?? this.container()).blocks.push({ type: 'paragraph', content });
  }

  /** Where inline content goes: the open leaf, else the container's implicit paragraph. */
  private inlineTarget(): ExportInline[] | null {
    const t = this.top();
    if (t.kind === 'leaf') return t.inlines;
    if (t.kind === 'list' || t.kind === 'table' || t.kind === 'row') return null;
    if (!this.implicit) this.implicit = { kind: 'leaf', tag: '#implicit', inlines: [], pre: false, markDepth: this.marks.length };
    return this.implicit.inlines;
  }

  // -- marks

  private currentMarks(): InlineMarks {
    const m: InlineMarks = {};
    for (const k of Object.keys(this.markCount) as (keyof Omit<InlineMarks, 'href'>)[]) if (this.markCount[k]! > 0) m[k] = true;
    const href = this.hrefs.length ? this.hrefs[this.hrefs.length - 1] : null;
    if (href) m.href = href;
    return m;
  }

  private truncateMarks(depth: number): void {
    while (this.marks.length > depth) this.popMark();
  }

  private popMark(): void {
    const m = this.marks.pop()!;
    this.markTags.set(m.tag, (this.markTags.get(m.tag) ?? 1) - 1);
    if (m.mark === 'href') {
      this.hrefs.pop();
      if (m.internal) this.closeInternalLink(m.internal);
    } else if (m.mark) this.markCount[m.mark] = (this.markCount[m.mark] ?? 1) - 1;
  }

  private closeInternalLink(link: { container: ExportInline[]; from: number }): void {
    const parts = link.container.slice(link.from);
    const text = parts.map((i) => (i.type === 'text' ? i.text : '')).join('');
    if (!parts.every((p) => p.type === 'text')) return;
    const label = NOTE_LABEL.exec(text);
    if (label) {
      const inline = { type: 'footnoteRef' as const, n: 0 };
      link.container.splice(link.from, parts.length, inline);
      this.refs.push({ inline, label: Number(label[1]) });
      return;
    }
    if (BACKLINK.test(text)) {
      link.container.splice(link.from, parts.length);
      for (let i = this.frames.length - 1; i >= 0; i--) {
        const f = this.frames[i]!;
        if (f.kind === 'container' && f.role === 'item') {
          f.footnote = true;
          break;
        }
      }
    }
  }

  // -- tokens

  private text(raw: string): void {
    const top = this.top();
    const pre = top.kind === 'leaf' && top.pre;
    const text = pre ? raw : raw.replace(/[\t\n\r\f ]+/g, ' ');
    if (!pre && text.trim() === '' && top.kind !== 'leaf' && !this.implicit) return;
    if (top.kind === 'list' || top.kind === 'table' || top.kind === 'row') this.ensureContainer();
    const target = this.inlineTarget();
    if (!target) return;
    const marks = this.currentMarks();
    const last = target[target.length - 1];
    const li = this.lastInternal;
    if (last?.type === 'text' && sameMarks(last.marks, marks) && !(li && li.container === target && li.from === target.length)) {
      last.text += text;
    } else target.push({ type: 'text', text, marks });
  }

  private open(tag: string, attrs: Record<string, string>, selfClosing: boolean): void {
    if (SKIP_CONTENT.has(tag)) {
      if (!selfClosing) {
        this.skipDepth = 1;
        this.skipTag = tag;
      }
      return;
    }
    if (tag === 'br') {
      const target = this.inlineTarget();
      if (target) target.push(this.top().kind === 'leaf' && (this.top() as LeafFrame).pre ? { type: 'text', text: '\n', marks: {} } : { type: 'break' });
      return;
    }
    if (tag === 'hr') {
      this.closeLeaf();
      this.flushImplicit();
      if (this.top().kind === 'container') this.container().blocks.push({ type: 'rule' });
      return;
    }
    if (VOID.has(tag) || selfClosing) return;
    const inlineMark = MARK_OF[tag];
    if (inlineMark !== undefined || tag === 'a' || !isBlockTag(tag)) {
      this.openMark(tag, inlineMark ?? null, attrs);
      return;
    }
    this.openBlock(tag, attrs);
  }

  private openMark(tag: string, mark: OpenMark['mark'], attrs: Record<string, string>): void {
    const m: OpenMark = { tag, mark };
    if (tag === 'a') {
      const raw = (attrs.href ?? '').trim();
      if (raw.startsWith('#')) {
        const target = this.inlineTarget();
        m.mark = 'href';
        m.href = null;
        if (target) m.internal = this.lastInternal = { container: target, from: target.length };
      } else {
        m.mark = 'href';
        // SECURITY: the one link rule; anything but absolute http(s)/mailto loses the link and keeps its text.
        m.href = safeLinkTarget(raw);
      }
      this.hrefs.push(m.href ?? null);
    } else if (mark && mark !== 'href') this.markCount[mark] = (this.markCount[mark] ?? 0) + 1;
    this.marks.push(m);
    this.markTags.set(tag, (this.markTags.get(tag) ?? 0) + 1);
  }

  private closeLeaf(): void {
    if (this.top().kind === 'leaf') this.popFrame();
  }

  private openBlock(tag: string, attrs: Record<string, string>): void {
    if (TRANSPARENT_BLOCK.has(tag)) {
      this.closeLeaf();
      this.flushImplicit();
      return;
    }
    const tooDeep = this.depth() >= MAX_TREE_DEPTH;
    if (LEAF.has(tag)) {
      this.closeLeaf();
      this.flushImplicit();
      if (this.top().kind !== 'container') this.ensureContainer();
      this.push({ kind: 'leaf', tag, inlines: [], pre: tag === 'pre', markDepth: this.marks.length });
      return;
    }
    if (tooDeep) {
      // Past the bound: the element's content joins its parent (text kept), its close tag is ignored.
      this.closeLeaf();
      this.flushImplicit();
      this.skipped.set(tag, (this.skipped.get(tag) ?? 0) + 1);
      return;
    }
    this.closeLeaf();
    this.flushImplicit();
    const md = this.marks.length;
    switch (tag) {
      case 'ul':
      case 'ol':
      case 'menu': {
        if (this.top().kind !== 'container') this.ensureContainer();
        const start = Number.parseInt(attrs.start ?? '1', 10);
        this.push({ kind: 'list', tag, ordered: tag === 'ol', start: Number.isInteger(start) && start >= 0 ? start : 1, items: [], markDepth: md });
        return;
      }
      case 'li': {
        this.closeImplicit('#li');
        if (this.top().kind !== 'list') {
          // An item outside a list: its content, as blocks of the container.
          this.skipped.set(tag, (this.skipped.get(tag) ?? 0) + 1);
          return;
        }
        this.push({ kind: 'container', tag, role: 'item', blocks: [], markDepth: md });
        return;
      }
      case 'blockquote':
        if (this.top().kind !== 'container') this.ensureContainer();
        this.push({ kind: 'container', tag, role: 'quote', blocks: [], markDepth: md });
        return;
      case 'table':
        if (this.top().kind !== 'container') this.ensureContainer();
        this.push({ kind: 'table', tag, rows: [], markDepth: md });
        return;
      case 'tr':
        this.closeImplicit('#td', '#tr');
        if (this.top().kind === 'row') this.popFrame();
        if (this.top().kind !== 'table') {
          this.skipped.set(tag, (this.skipped.get(tag) ?? 0) + 1);
          return;
        }
        this.push({ kind: 'row', tag, cells: [], markDepth: md });
        return;
      case 'td':
      case 'th':
        this.closeImplicit('#td');
        if (this.top().kind === 'table') this.push({ kind: 'row', tag: 'tr', cells: [], markDepth: md });
        if (this.top().kind !== 'row') {
          this.skipped.set(tag, (this.skipped.get(tag) ?? 0) + 1);
          return;
        }
        this.push({
          kind: 'container',
          tag,
          role: 'cell',
          blocks: [],
          cell: { header: tag === 'th', colspan: spanAttr(attrs.colspan), rowspan: spanAttr(attrs.rowspan) },
          markDepth: md,
        });
        return;
      default:
        return;
    }
  }

  /** Block content where a list, table or row expects items: an implicit item, row or cell takes it. */
  private ensureContainer(): void {
    const md = this.marks.length;
    const cell = (): ContainerFrame => ({ kind: 'container', tag: '#td', role: 'cell', blocks: [], cell: { header: false, colspan: 1, rowspan: 1 }, markDepth: md });
    const t = this.top();
    if (t.kind === 'list') this.push({ kind: 'container', tag: '#li', role: 'item', blocks: [], markDepth: md });
    else if (t.kind === 'table') {
      this.push({ kind: 'row', tag: '#tr', cells: [], markDepth: md });
      this.push(cell());
    } else if (t.kind === 'row') this.push(cell());
  }

  /** Closes the implicit frames ensureContainer opened, down to a frame of `kind`. */
  private closeImplicit(...tags: string[]): void {
    while (tags.includes(this.top().tag)) this.popFrame();
  }

  private close(tag: string): void {
    const skipped = this.skipped.get(tag) ?? 0;
    if (skipped > 0) {
      // Skipped openings are the innermost ones of their tag: their close tags come first.
      this.skipped.set(tag, skipped - 1);
      if (isBlockTag(tag)) {
        this.closeLeaf();
        this.flushImplicit();
      }
      return;
    }
    if ((this.frameTags.get(tag) ?? 0) > 0) {
      // Closing an open element closes whatever is still open inside it (amortised linear).
      while (this.frames.length > 1) {
        const f = this.top();
        this.popFrame();
        if (f.tag === tag) break;
      }
      return;
    }
    if ((this.markTags.get(tag) ?? 0) > 0) {
      while (this.marks.length) {
        const m = this.marks[this.marks.length - 1]!;
        this.popMark();
        if (m.tag === tag) break;
      }
      return;
    }
    if (TRANSPARENT_BLOCK.has(tag)) {
      this.closeLeaf();
      this.flushImplicit();
    }
  }
}

function isBlockTag(tag: string): boolean {
  return LEAF.has(tag) || TRANSPARENT_BLOCK.has(tag) || ['ul', 'ol', 'menu', 'li', 'blockquote', 'table', 'tr', 'td', 'th'].includes(tag);
}

function sameMarks(a: InlineMarks, b: InlineMarks): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k as keyof InlineMarks] === b[k as keyof InlineMarks]);
}

/** Collapsed whitespace at the start and end of a block goes; breaks at the edges too. */
function trimInlines(inlines: ExportInline[]): ExportInline[] {
  const out = inlines.filter((i) => i.type !== 'text' || i.text.length > 0);
  while (out.length && (out[0]!.type === 'break' || (out[0]!.type === 'text' && out[0]!.text.trim() === ''))) out.shift();
  while (out.length && (out[out.length - 1]!.type === 'break' || (out[out.length - 1]!.type === 'text' && (out[out.length - 1] as { text: string }).text.trim() === ''))) out.pop();
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, text: first.text.replace(/^\s+/, '') };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { ...last, text: last.text.replace(/\s+$/, '') };
  return out;
}

/** A footnote's text: the inline content of its paragraphs, joined by spaces. */
function noteInlines(blocks: ExportBlock[]): ExportInline[] {
  const out: ExportInline[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph' && b.type !== 'heading') continue;
    if (out.length) out.push({ type: 'text', text: ' ', marks: {} });
    out.push(...b.content.filter((i) => i.type !== 'footnoteRef'));
  }
  return trimInlines(out);
}

/**
 * Footnote texts written as paragraphs that start with the note's number linking back (Word's and
 * LibreOffice's HTML: `<p><a href="#sdfootnote1anc">1</a>Text</p>`): taken out of the text.
 */
function paragraphNotes(blocks: ExportBlock[], refs: HtmlTreeBuilder['refs']): Map<number, ExportInline[]> {
  const notes = new Map<number, ExportInline[]>();
  const byInline = new Map(refs.map((r) => [r.inline as ExportInline, r]));
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type !== 'paragraph') continue;
    const ref = byInline.get(b.content[0]!);
    if (!ref || notes.has(ref.label) || b.content.length < 2) continue;
    notes.set(ref.label, trimInlines(b.content.slice(1).filter((c) => c.type !== 'footnoteRef')));
    refs.splice(refs.indexOf(ref), 1);
    blocks.splice(i--, 1);
  }
  return notes;
}

export function treeFromHtml(html: string): ExportTree {
  const b = new HtmlTreeBuilder();
  const blocks = b.build(html);
  const byLabel = new Map<number, ExportInline[]>(b.notes.map((n, i) => [i + 1, n]));
  if (byLabel.size === 0) for (const [label, note] of paragraphNotes(blocks, b.refs)) byLabel.set(label, note);
  // Number the footnotes in order of first reference: reference "[n]" points to footnote text n;
  // one that has none (no footnote texts in the file) keeps its label as text.
  const footnotes: ExportInline[][] = [];
  const numberOf = new Map<number, number>();
  for (const ref of b.refs) {
    const note = byLabel.get(ref.label);
    if (!note) {
      Object.assign(ref.inline, { type: 'text', text: `[${ref.label}]`, marks: { sup: true } });
      delete (ref.inline as { n?: number }).n;
      continue;
    }
    let n = numberOf.get(ref.label);
    if (n === undefined) {
      footnotes.push(note);
      n = footnotes.length;
      numberOf.set(ref.label, n);
    }
    ref.inline.n = n;
  }
  return { blocks, footnotes };
}
