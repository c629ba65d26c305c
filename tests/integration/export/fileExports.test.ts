import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RichNode } from '../../../shared/domain/document';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

const t = (text: string, marks?: RichNode['marks']): RichNode => ({ type: 'text', text, ...(marks ? { marks } : {}) });
const content: RichNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [t('Präambel')] },
    { type: 'paragraph', content: [t('Die Südstadt hält '), t('zusammen', [{ type: 'bold' }]), t(' – „gemeinsam“.')] },
    {
      type: 'paragraph',
      content: [
        t('Wie der Beirat sagt '),
        { type: 'citation', attrs: { documentId: 'x', kind: 'statement', speaker: 'Erika Müßig', title: 'Stellungnahme zum Platz', date: '2026-05-07' } },
        t(', bleibt es dabei.'),
        { type: 'footnote', attrs: { text: 'Beschluss vom 5. Mai 2026.' } },
      ],
    },
    { type: 'heading', attrs: { level: 2 }, content: [t('Grünflächen')] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [t('Höfe öffnen')] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [t('Bäume pflanzen')] }] }] },
    { type: 'blockquote', attrs: { cite: 'Erika Müßig, Seniorenbeirat' }, content: [{ type: 'paragraph', content: [t('„Ein Platz für alle.“')] }] },
    { type: 'heading', attrs: { level: 1 }, content: [t('Überprüfung')] },
    {
      type: 'paragraph',
      content: [
        t('böser Link', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
        t(' <img src=x onerror=alert(1)> '),
        t('Portal', [{ type: 'link', attrs: { href: 'https://kellbach.example/portal' } }]),
      ],
    },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [t('Ziel')] }] }, { type: 'tableHeader', content: [{ type: 'paragraph', content: [t('Wert')] }] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [t('Bänke')] }] }, { type: 'tableCell', content: [{ type: 'paragraph', content: [t('12 | 14')] }] }] },
      ],
    },
  ],
};

let lib: TestLibrary;
let id: string;
let imported: string;
beforeAll(() => {
  lib = openTestLibrary();
  id = lib.services.documents.create({ kind: 'leitbild', title: 'Leitbild <Südstadt> & Co.', date: '2026-03-12', publisher: 'Quartiersbeirat', content }).id;
  imported = lib.services.documents.create({ kind: 'speech', title: 'Rede', bodyText: 'Sehr geehrte Damen und Herren,\nheute eröffnen wir das Stadtteilbüro.\n*Kein* Markdown <b>hier</b>.' }).id;
});
afterAll(() => lib.dispose());

describe('DOCX, Markdown and HTML export', () => {
  it('writes a DOCX whose headings are Word headings in order (read back with mammoth)', async () => {
    const file = path.join(lib.dir, 'leitbild.docx');
    const r = await lib.services.exports.docx(id, file);
    expect(r.bytes).toBe(fs.statSync(file).size);
    const { value: html } = await mammoth.convertToHtml({ path: file });
    const headings = [...html.matchAll(/<h(\d)>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${m[2]}`);
    expect(headings).toEqual(['h1 Leitbild &lt;Südstadt&gt; &amp; Co.', 'h2 Präambel', 'h3 Grünflächen', 'h2 Überprüfung']);
    expect(html).toContain('<strong>zusammen</strong>');
    expect(html).toMatch(/<li>Höfe öffnen<\/li>\s*<li>Bäume pflanzen<\/li>/);
    expect(html).toContain('„Ein Platz für alle.“');
    expect(html).toContain('<a href="https://kellbach.example/portal">Portal</a>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<table>');
    expect(html).toContain('Wie der Beirat sagt [Erika Müßig: „Stellungnahme zum Platz“ (07.05.2026)], bleibt es dabei.');
    expect(html).toMatch(/<li id="footnote-1">.*Beschluss vom 5\. Mai 2026\./);
    const { value: text } = await mammoth.extractRawText({ path: file });
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;'.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  });

  it('writes Markdown with headings one level below the title and escaped text', () => {
    const file = path.join(lib.dir, 'leitbild.md');
    lib.services.exports.markdown(id, file);
    const md = fs.readFileSync(file, 'utf8');
    expect(md.startsWith('# Leitbild \\<Südstadt\\> & Co.\n')).toBe(true);
    expect(md).toContain('## Präambel\n\nDie Südstadt hält **zusammen** – „gemeinsam“.');
    expect(md).toContain('### Grünflächen\n\n- Höfe öffnen\n- Bäume pflanzen');
    expect(md).toContain('> „Ein Platz für alle.“\n>\n> — Erika Müßig, Seniorenbeirat');
    expect(md).toContain('[Portal](https://kellbach.example/portal)');
    expect(md).toContain('Wie der Beirat sagt \\[Erika Müßig: „Stellungnahme zum Platz“ (07.05.2026)\\], bleibt es dabei.[^1]');
    expect(md.trimEnd().endsWith('[^1]: Beschluss vom 5. Mai 2026.')).toBe(true);
    expect(md).toContain('böser Link \\<img src=x onerror=alert(1)\\>');
    expect(md).not.toContain('javascript:');
    expect(md).toContain('| Ziel | Wert |\n| --- | --- |\n| Bänke | 12 \\| 14 |');
  });

  it('writes standalone HTML where content can never become markup', () => {
    const file = path.join(lib.dir, 'leitbild.html');
    lib.services.exports.html(id, file);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<title>Leitbild &lt;Südstadt&gt; &amp; Co.</title>');
    expect(html).toContain('<h2 id="abschnitt-1" class="hl1">Präambel</h2>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img|<script|javascript:/i);
    expect(html).toContain('<a href="https://kellbach.example/portal" rel="noopener noreferrer">Portal</a>');
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain('<p class="quote-source">Erika Müßig, Seniorenbeirat</p>');
    expect(html).toContain('<cite class="citation">Erika Müßig: „Stellungnahme zum Platz“ (07.05.2026)</cite>');
    expect(html).toMatch(/<sup class="fn-ref"><a href="#abschnitt-fn-1" id="abschnitt-fnref-1"[^>]*>1<\/a><\/sup>[\s\S]*<li id="abschnitt-fn-1">Beschluss vom 5\. Mai 2026\. <a class="fn-back" href="#abschnitt-fnref-1"/);
  });

  it('exports imported plain-text documents paragraph by paragraph', async () => {
    const md = path.join(lib.dir, 'rede.md');
    lib.services.exports.markdown(imported, md);
    expect(fs.readFileSync(md, 'utf8')).toContain('Sehr geehrte Damen und Herren,\n\nheute eröffnen wir das Stadtteilbüro.\n\n\\*Kein\\* Markdown \\<b\\>hier\\</b\\>.');
    const docx = path.join(lib.dir, 'rede.docx');
    await lib.services.exports.docx(imported, docx);
    const { value } = await mammoth.convertToHtml({ path: docx });
    expect(value).toContain('<p>heute eröffnen wir das Stadtteilbüro.</p>');
  });
});
