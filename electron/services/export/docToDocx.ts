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
import type { LibraryDocument } from '../../../shared/domain/document';
import type { ExportBlock, ExportInline } from '../../../shared/export/exportTree';
import { germanDate } from './html';
import { KIND_LABELS, STATUS_LABELS } from './model';
import { treeOf } from './richToHtml';

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

function runs(items: readonly ExportInline[], base: Partial<IRunOptions> = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const i of items) {
    if (i.type === 'break') {
      out.push(new TextRun({ break: 1, ...base }));
      continue;
    }
    if (i.type === 'citation') {
      out.push(new TextRun({ ...base, text: `[${i.label}]` }));
      continue;
    }
    if (i.type === 'footnoteRef') {
      out.push(new FootnoteReferenceRun(i.n));
      continue;
    }
    const m = i.marks;
    const options: IRunOptions = {
      ...base,
      text: i.text,
      bold: m.bold || base.bold,
      italics: m.italic || base.italics,
      strike: m.strike,
      underline: m.underline ? {} : undefined,
      subScript: m.sub,
      superScript: m.sup,
      font: m.code ? 'Consolas' : undefined,
    };
    // SECURITY: only http(s)/mailto targets are in the tree; they become hyperlinks, nothing else does.
    out.push(m.href ? new ExternalHyperlink({ link: m.href, children: [new TextRun({ ...options, style: 'Hyperlink' })] }) : new TextRun(options));
  }
  return out;
}

interface Ctx {
  listLevel: number;
  quote: boolean;
  nextList: () => number;
}

/** The tree's nesting is bounded (MAX_TREE_DEPTH), so this recursion is too. */
function blocks(list: readonly ExportBlock[], ctx: Ctx): Block[] {
  return list.flatMap((b) => block(b, ctx));
}

function block(b: ExportBlock, ctx: Ctx): Block[] {
  switch (b.type) {
    case 'heading':
      // The title is Heading 1; tree level 1 is Heading 2, so Word's navigation has no gaps.
      return [new Paragraph({ heading: HEADINGS[Math.min(b.level, 5)]!, children: runs(b.content) })];
    case 'paragraph':
      return [
        new Paragraph({
          children: runs(b.content),
          style: ctx.quote ? 'Quote' : undefined,
          alignment: ctx.quote ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
        }),
      ];
    case 'list': {
      const instance = ctx.nextList();
      const reference = b.ordered ? 'qw-numbers' : 'qw-bullets';
      return b.items.flatMap((item) => {
        const [first, ...rest] = item;
        const head =
          first?.type === 'paragraph'
            ? [new Paragraph({ children: runs(first.content), numbering: { reference, level: Math.min(ctx.listLevel, 3), instance } })]
            : [new Paragraph({ children: [], numbering: { reference, level: Math.min(ctx.listLevel, 3), instance } }), ...(first ? block(first, { ...ctx, listLevel: ctx.listLevel + 1 }) : [])];
        return [...head, ...blocks(rest, { ...ctx, listLevel: ctx.listLevel + 1 })];
      });
    }
    case 'quote': {
      const out = blocks(b.content, { ...ctx, quote: true });
      if (b.source) out.push(new Paragraph({ style: 'Quote', children: [new TextRun({ text: `— ${b.source}` })] }));
      return out;
    }
    case 'code':
      return [new Paragraph({ children: b.text.split('\n').map((line, i) => new TextRun({ text: line, font: 'Consolas', break: i > 0 ? 1 : undefined })) })];
    case 'rule':
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B8B3A8', space: 1 } }, children: [] })];
    case 'table': {
      const rows = b.rows.map(
        (r, ri) =>
          new TableRow({
            tableHeader: ri === 0 && r.cells.length > 0 && r.cells.every((c) => c.header),
            children: r.cells.map((c) => {
              const content = c.content.flatMap((cb) =>
                cb.type === 'paragraph' || cb.type === 'heading'
                  ? [new Paragraph({ children: runs(cb.content, c.header ? { bold: true } : {}) })]
                  : block(cb, { ...ctx, listLevel: 0 }),
              );
              return new TableCell({
                columnSpan: c.colspan > 1 ? c.colspan : undefined,
                rowSpan: c.rowspan > 1 ? c.rowspan : undefined,
                // Word needs a paragraph in every cell.
                children: content.length ? content : [new Paragraph({ children: [] })],
              });
            }),
          }),
      );
      return rows.length ? [new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), new Paragraph({ children: [] })] : [];
    }
  }
}

/**
 * One document as Word file: title as Heading 1 and content headings one level below (Heading 2…6),
 * so Word's navigation pane shows the outline; lists as real Word numbering; tables; footnotes as
 * Word footnotes; quotes indented. Everything from the export tree.
 */
export async function docToDocx(doc: LibraryDocument): Promise<Uint8Array> {
  let listInstance = 0;
  const tree = treeOf(doc);
  const body = blocks(tree.blocks, { listLevel: 0, quote: false, nextList: () => ++listInstance });
  const meta = [KIND_LABELS[doc.kind], germanDate(doc.date), doc.publisher ?? doc.source, doc.place, STATUS_LABELS[doc.status]]
    .filter((v): v is string => !!v)
    .join(' · ');
  const level = (lvl: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
    level: lvl,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 * (lvl + 1), hanging: 300 } } },
  });
  const notes = Object.fromEntries(tree.footnotes.map((f, i) => [String(i + 1), { children: [new Paragraph({ children: runs(f) })] }]));
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
