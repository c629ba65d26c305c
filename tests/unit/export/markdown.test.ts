import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMdInline, escapeMdLineStarts, treeToMarkdown } from '../../../electron/services/export/docToMarkdown';
import type { ExportTree } from '../../../shared/export/exportTree';

const cm = new MarkdownIt('commonmark');
const para = (text: string): ExportTree => ({ blocks: [{ type: 'paragraph', content: [{ type: 'text', text, marks: {} }] }], footnotes: [] });
const render = (tree: ExportTree) => cm.render(treeToMarkdown(tree).body);

describe('Markdown export escaping (CommonMark 0.31)', () => {
  it('escapes an ordered-list marker after its digits, only at a line start', () => {
    expect(escapeMdLineStarts('12. März 2024')).toBe('12\\. März 2024');
    expect(escapeMdLineStarts('am 12. März 2024')).toBe('am 12. März 2024');
    expect(render(para('12. März 2024'))).toBe('<p>12. März 2024</p>\n');
    expect(render(para('3) Punkt'))).toBe('<p>3) Punkt</p>\n');
    expect(render(para('- kein Spiegelstrich'))).toBe('<p>- kein Spiegelstrich</p>\n');
    expect(render(para('# keine Überschrift'))).toBe('<p># keine Überschrift</p>\n');
    expect(render(para('==='))).toBe('<p>===</p>\n');
    expect(render(para('> kein Zitat'))).toBe('<p>&gt; kein Zitat</p>\n');
    expect(render(para('Zeile\n12. Zweite'))).toBe('<p>Zeile\n12. Zweite</p>\n');
  });

  it('text never becomes raw HTML, an entity or emphasis', () => {
    expect(render(para('<img src=x onerror=alert(1)> &amp; *a* _b_ `c` [d](e)'))).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &amp;amp; *a* _b_ `c` [d](e)</p>\n');
    expect(escapeMdInline('A & B')).toBe('A & B');
  });

  it('a code block holding both fence styles gets a longer fence and stays one code block, no raw HTML', () => {
    const text = '```\n<script>alert(1)</script>\n~~~\n````';
    const md = treeToMarkdown({ blocks: [{ type: 'code', text }], footnotes: [] }).body;
    const tokens = cm.parse(md, {});
    expect(tokens.map((t) => t.type)).toEqual(['fence']);
    expect(tokens[0]!.content).toBe(`${text}\n`);
    expect(cm.render(md)).not.toContain('<script>');
  });

  it('link targets with parentheses and backslashes come back exactly', () => {
    const href = 'https://de.example.org/wiki/Quartier_(Stadt)?a=(1)';
    const md = treeToMarkdown({ blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quartier', marks: { href } }] }], footnotes: [] }).body;
    const link = cm.parseInline(md, {})[0]!.children!.find((t) => t.type === 'link_open')!;
    expect(link.attrGet('href')).toBe(href);
  });

  it('inline code containing backticks keeps them', () => {
    const md = treeToMarkdown({ blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'a `b` c', marks: { code: true } }] }], footnotes: [] }).body;
    expect(cm.render(md)).toBe('<p><code>a `b` c</code></p>\n');
  });
});
