import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { LibraryDocument, RichNode } from '../../../shared/domain/document';
import { germanDate, safeHref } from './html';
import { KIND_LABELS, STATUS_LABELS } from './model';
import { citationLabel, footnoteText } from './inlineAtoms';
import { contentOf, headingLevel } from './richToHtml';

const MAX_DEPTH = 64;
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;
const FONT = 'Cambria';

type Block = Paragraph | Table;

/** Footnote texts of the document being written, numbered from 1 (Word numbers them itself). */
let footnotes: string[] = [];

function runs(nodes: RichNode[] | undefined, base: Partial<IRunOptions> = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') {
      out.push(new TextRun({ break: 1, ...base }));
      continue;
    }
    if (n.type === 'citation') {
      out.push(new TextRun({ ...base, text: `[${citationLabel(n.attrs)}]` }));
      continue;
    }
    if (n.type === 'footnote') {
      footnotes.push(footnoteText(n));
      out.push(new FootnoteReferenceRun(footnotes.length));
      continue;
    }
    if (n.type !== 'text') {
      out.push(...runs(n.content, base));
      continue;
    }
    const has = (t: string) => (n.marks ?? []).some((m) => m.type === t);
    const run = new TextRun({
      ...base,
      text: n.text ?? '',
      bold: has('bold') || base.bold,
      italics: has('italic') || base.italics,
      strike: has('strike'),
      underline: has('underline') ? {} : undefined,
      font: has('code') ? 'Consolas' : undefined,
    });
    const link = (n.marks ?? []).find((m) => m.type === 'link');
    // SECURITY: only http(s)/mailto targets become hyperlinks; others keep their text.
    const href = link ? safeHref(link.attrs?.href) : null;
    out.push(href ? new ExternalHyperlink({ link: href, children: [new TextRun({ ...base, text: n.text ?? '', style: 'Hyperlink' })] }) : run);
  }
  return out;
}

/**
 * One document as Word file: title as Heading 1 and content headings one level below (Heading 2…6),
 * so Word's navigation pane shows the outline; lists as real Word numbering; tables; quotes indented.
 */
export async function docToDocx(doc: LibraryDocument): Promise<Uint8Array> {
  let listInstance = 0;
  footnotes = [];
  const walk = (node: RichNode, depth: number, ctx: { listLevel: number; quote: boolean }): Block[] => {
    if (depth > MAX_DEPTH) return [];
    const kids = (c = ctx) => (node.content ?? []).flatMap((child) => walk(child, depth + 1, c));
    switch (node.type) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[Math.min(headingLevel(node), 5)]!, children: runs(node.content) })];
      case 'paragraph':
        return [
          new Paragraph({
            children: runs(node.content, ctx.quote ? { italics: false } : {}),
            style: ctx.quote ? 'Quote' : undefined,
            alignment: ctx.quote ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
          }),
        ];
      case 'bulletList':
      case 'orderedList': {
        const instance = ++listInstance;
        const reference = node.type === 'bulletList' ? 'qw-bullets' : 'qw-numbers';
        return (node.content ?? []).flatMap((li) =>
          (li.content ?? []).flatMap((child, i) => {
            if (child.type === 'paragraph' && i === 0) {
              return [new Paragraph({ children: runs(child.content), numbering: { reference, level: Math.min(ctx.listLevel, 8), instance } })];
            }
            return walk(child, depth + 2, { ...ctx, listLevel: ctx.listLevel + 1 });
          }),
        );
      }
      case 'blockquote': {
        const blocks = kids({ ...ctx, quote: true });
        const cite = typeof node.attrs?.cite === 'string' ? node.attrs.cite : null;
        if (cite) blocks.push(new Paragraph({ style: 'Quote', children: [new TextRun({ text: `— ${cite}` })] }));
        return blocks;
      }
      case 'codeBlock':
        return [new Paragraph({ children: [new TextRun({ text: (node.content ?? []).map((c) => c.text ?? '').join(''), font: 'Consolas' })] })];
      case 'horizontalRule':
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B8B3A8', space: 1 } }, children: [] })];
      case 'table': {
        const rows = (node.content ?? []).map(
          (r) =>
            new TableRow({
              tableHeader: (r.content ?? []).every((c) => c.type === 'tableHeader'),
              children: (r.content ?? []).map(
                (c) =>
                  new TableCell({
                    columnSpan: typeof c.attrs?.colspan === 'number' && c.attrs.colspan > 1 ? c.attrs.colspan : undefined,
                    children: (c.content ?? []).map(
                      (p) => new Paragraph({ children: runs(p.content, c.type === 'tableHeader' ? { bold: true } : {}) }),
                    ),
                  }),
              ),
            }),
        );
        return rows.length ? [new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), new Paragraph({ children: [] })] : [];
      }
      default:
        return kids();
    }
  };

  const meta = [KIND_LABELS[doc.kind], germanDate(doc.date), doc.publisher ?? doc.source, doc.place, STATUS_LABELS[doc.status]]
    .filter((v): v is string => !!v)
    .join(' · ');
  const body = walk(contentOf(doc), 0, { listLevel: 0, quote: false });
  const level = (lvl: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
    level: lvl,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 * (lvl + 1), hanging: 300 } } },
  });
  const notes = Object.fromEntries(footnotes.map((f, i) => [String(i + 1), { children: [new Paragraph({ children: [new TextRun(f)] })] }]));
  const document = new Document({
    footnotes: notes,
    title: doc.title,
    creator: doc.publisher ?? doc.source ?? 'Quartierswissen',
    description: meta,
    keywords: doc.tags.join(', '),
    lastModifiedBy: 'Quartierswissen',
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: 'de-DE' } }, paragraph: { spacing: { after: 120, line: 300 } } },
        heading1: { run: { font: FONT, size: 36, bold: true, color: '1C1B19' }, paragraph: { spacing: { before: 0, after: 120 } } },
        heading2: { run: { font: FONT, size: 28, bold: true, color: '1C1B19' }, paragraph: { spacing: { before: 360, after: 120 } } },
        heading3: { run: { font: FONT, size: 24, bold: true, color: '1C1B19' }, paragraph: { spacing: { before: 280, after: 100 } } },
        heading4: { run: { font: FONT, size: 22, bold: true, italics: true, color: '1C1B19' }, paragraph: { spacing: { before: 240, after: 80 } } },
        heading5: { run: { font: FONT, size: 22, italics: true, color: '1C1B19' } },
        heading6: { run: { font: FONT, size: 22, italics: true, color: '5D5A53' } },
      },
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 21, color: '333333' },
          paragraph: { indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 6, color: '1F3B57', space: 8 } } },
        },
        { id: 'QwMeta', name: 'Dokumentangaben', basedOn: 'Normal', run: { italics: true, size: 19, color: '5D5A53' }, paragraph: { spacing: { after: 360 } } },
      ],
    },
    features: { updateFields: false },
    hyphenation: { autoHyphenation: true },
    numbering: {
      config: [
        { reference: 'qw-bullets', levels: [0, 1, 2, 3].map((l) => level(l, LevelFormat.BULLET, l % 2 ? '–' : '•')) },
        { reference: 'qw-numbers', levels: [0, 1, 2, 3].map((l) => level(l, l % 2 ? LevelFormat.LOWER_LETTER : LevelFormat.DECIMAL, `%${l + 1}.`)) },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1417, bottom: 1417, left: 1701, right: 1701 } } },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(doc.title)] }),
          ...(meta ? [new Paragraph({ style: 'QwMeta', children: [new TextRun(meta)] })] : []),
          ...body,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
