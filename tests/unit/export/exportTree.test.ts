import { describe, expect, it } from 'vitest';
import { documentTree } from '../../../shared/export/documentTree';
import { blocksText, MAX_TREE_DEPTH, type ExportBlock } from '../../../shared/export/exportTree';
import { treeFromHtml } from '../../../shared/export/htmlToTree';

const depthOf = (blocks: ExportBlock[]): number => {
  let max = 0;
  const stack: [ExportBlock[], number][] = [[blocks, 1]];
  while (stack.length) {
    const [list, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const b of list) {
      if (b.type === 'list') for (const it of b.items) stack.push([it, d + 1]);
      if (b.type === 'quote') stack.push([b.content, d + 1]);
      if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) stack.push([c.content, d + 1]);
    }
  }
  return max;
};

describe('export tree from sanitised HTML (issue 11, issue 17)', () => {
  it('keeps headings, lists, tables, links and mammoth footnotes; drops the title heading; levels without gaps', () => {
    const html =
      '<h1>Titel</h1><p>Text<sup><a href="#footnote-1">[1]</a></sup> mit <a href="https://x.example/a_(b)">Link</a> und <a href="javascript:alert(1)">böse</a>.</p>' +
      '<h3>Teil</h3><ol start="3"><li>drei</li><li><p>vier</p><ul><li>innen</li></ul></li></ol><h4>Unter</h4><h2>Zwei</h2>' +
      '<table><tr><th>K</th><th colspan="2">W</th></tr><tr><td>a</td><td><b>b</b></td></tr></table>' +
      '<ol><li><p>Die Notiz. <a href="#footnote-ref-1">↑</a></p></li></ol>';
    const tree = documentTree({ title: 'Titel', content: null, bodyHtml: html, bodyText: '' });
    expect(tree.blocks.map((b) => b.type)).toEqual(['paragraph', 'heading', 'list', 'heading', 'heading', 'table']);
    expect(tree.blocks.filter((b) => b.type === 'heading').map((b) => (b as { level: number }).level)).toEqual([1, 2, 1]);
    const p = tree.blocks[0]!;
    expect(p.type === 'paragraph' && p.content).toEqual([
      { type: 'text', text: 'Text', marks: {} },
      { type: 'footnoteRef', n: 1 },
      { type: 'text', text: ' mit ', marks: {} },
      { type: 'text', text: 'Link', marks: { href: 'https://x.example/a_(b)' } },
      { type: 'text', text: ' und böse.', marks: {} },
    ]);
    expect(tree.footnotes).toEqual([[{ type: 'text', text: 'Die Notiz.', marks: {} }]]);
    const list = tree.blocks[2]!;
    expect(list.type === 'list' && [list.ordered, list.start, list.items.length]).toEqual([true, 3, 2]);
    const table = tree.blocks[5]!;
    expect(table.type === 'table' && table.rows[0]!.cells.map((c) => [c.header, c.colspan])).toEqual([[true, 1], [true, 2]]);
  });

  it('reads pandoc and LibreOffice footnotes; a reference without a note keeps its number as text', () => {
    const pandoc = treeFromHtml('<p>A<a href="#fn1"><sup>1</sup></a></p><hr><ol><li><p>Note.<a href="#fnref1">↩︎</a></p></li></ol>');
    expect(pandoc.footnotes).toEqual([[{ type: 'text', text: 'Note.', marks: {} }]]);
    expect(pandoc.blocks.map((b) => b.type)).toEqual(['paragraph']);
    const lo = treeFromHtml('<p>B<a href="#sdfootnote1sym"><sup>1</sup></a></p><p><a href="#sdfootnote1anc">1</a>Bescheid.</p>');
    expect(lo.footnotes).toEqual([[{ type: 'text', text: 'Bescheid.', marks: {} }]]);
    expect(lo.blocks).toHaveLength(1);
    const lonely = treeFromHtml('<p>C<a href="#x">[2]</a></p>');
    expect(blocksText(lonely.blocks)).toBe('C[2]');
    expect(lonely.footnotes).toEqual([]);
  });

  it('decodes entities and collapses whitespace, keeps <pre> as it is', () => {
    const tree = treeFromHtml('<p>  a &amp; b &lt;c&gt; &#8222;d&#x201C;\n  e&nbsp;f </p><pre>x  &lt;\n  y</pre>');
    expect(blocksText(tree.blocks)).toBe('a & b <c> „d“ e\u00A0f\n\nx  <\n  y');
  });

  it('6,000 and 100,000 nested <b>, deep lists and unclosed tags: no stack overflow, text kept, nesting bounded', () => {
    for (const n of [6_000, 100_000]) {
      const tree = treeFromHtml(`${'<b>'.repeat(n)}fett${'</b>'.repeat(n)} normal`);
      expect(tree.blocks).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: 'fett', marks: { bold: true } }, { type: 'text', text: ' normal', marks: {} }] }]);
    }
    const deep = treeFromHtml(`${'<ul><li>'.repeat(6_000)}tief${'</li></ul>'.repeat(6_000)}<p>danach</p>`);
    expect(depthOf(deep.blocks)).toBeLessThanOrEqual(MAX_TREE_DEPTH + 1);
    expect(blocksText(deep.blocks)).toContain('tief');
    expect(blocksText(deep.blocks)).toContain('danach');
    const quotes = treeFromHtml(`${'<blockquote>'.repeat(10_000)}z`);
    expect(blocksText(quotes.blocks)).toBe('z');
    const unclosed = treeFromHtml(`${'<i>'.repeat(50_000)}${'<b>'.repeat(50_000)}x${'</i>'.repeat(50_000)}y`);
    expect(blocksText(unclosed.blocks)).toBe('xy');
  });

  it('is linear: ten times the nesting takes at most about ten times as long (CPU time ratio)', () => {
    const time = (n: number) => {
      const html = `${'<b><i>'.repeat(n)}x${'</i></b>'.repeat(n)}${'<ul><li>'.repeat(n)}y`;
      const t0 = process.cpuUsage();
      treeFromHtml(html);
      const d = process.cpuUsage(t0);
      return d.user + d.system;
    };
    time(2_000); // warm-up
    const small = Math.max(time(10_000), 1);
    const large = time(100_000);
    expect(large / small).toBeLessThan(30);
  });

  it('draft JSON: footnotes and citations become tree atoms, unsafe links lose the link', () => {
    const tree = documentTree({
      title: 'X',
      bodyText: '',
      content: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Erst' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'a', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
              { type: 'citation', attrs: { speaker: 'Erika', title: 'Rede', date: '2026-05-04' } },
              { type: 'footnote', attrs: { text: 'Fn' } },
            ],
          },
        ],
      },
    });
    expect(tree.blocks[0]).toEqual({ type: 'heading', level: 1, content: [{ type: 'text', text: 'Erst', marks: {} }] });
    expect(tree.blocks[1]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'a', marks: {} }, { type: 'citation', label: 'Erika: „Rede“ (04.05.2026)' }, { type: 'footnoteRef', n: 1 }],
    });
    expect(tree.footnotes).toEqual([[{ type: 'text', text: 'Fn', marks: {} }]]);
  });
});
