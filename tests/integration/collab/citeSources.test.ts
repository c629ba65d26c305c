import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { germanDateToIso } from '../../../electron/services/collab/CollabService';
import { citationLabel as exportLabel } from '../../../shared/export/exportTree';
import { loadPrintResources } from '../../../electron/services/export/printResources';
import { renderDossier } from '../../../electron/services/export/templates/dossierTemplate';
import { citationLabel } from '../../../shared/editor/Citation';
import { disposableLibraries } from '../../support/disposableLibraries';
import { CORPUS_DIR, REPO_ROOT } from '../../support/testLibrary';

const lib = disposableLibraries();
const REAL = path.join(CORPUS_DIR, 'press', 'zukunftsbuendnis-sozialer-zusammenhalt.txt');
const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'press', '05-staedtebaufoerderung-2024.txt');

describe('citing statements and documents (collab.findSources on a real library file)', () => {
  it('finds a quote by wording, speaker, organisation and date; a document is cited with its publisher', async () => {
    const l = lib();
    await l.services.importer.importPaths([FIXTURE]);
    const find = (q: string) => l.services.collab.drafts.findSources(q, 20);

    // By speaker: each of her quotes, with role and organisation.
    const neumann = find('Neumann').filter((h) => h.quoteId);
    expect(neumann.map((h) => [h.speaker, h.role])).toEqual([
      ['Clara Neumann', 'Bundesbauministerin'],
      ['Clara Neumann', 'Bundesbauministerin'],
    ]);
    expect(neumann[0]!.organisation).toBe('Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen');
    // By wording, by organisation, by a German date, words combined.
    expect(find('Planungssicherheit').filter((h) => h.quoteId).map((h) => h.speaker)).toEqual(['Markus Lehmann']);
    expect(new Set(find('Städtetag').filter((h) => h.quoteId).map((h) => h.speaker))).toEqual(new Set(['Markus Lehmann']));
    expect(find('12.06.2024 Lehmann').filter((h) => h.quoteId)).toHaveLength(2);
    expect(find('13.06.2024 Lehmann').filter((h) => h.quoteId)).toHaveLength(0);

    // The whole document: its publisher, not the alphabetically first person quoted (Clara Neumann).
    const doc = find('Städtebauförderung 2024').find((h) => !h.quoteId)!;
    expect(doc.speaker).toBe('Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen');
  });

  it.skipIf(!fs.existsSync(REAL))('the real press release: Heike Hofmann’s quote, cited with her name, role and the release', async () => {
    const l = lib();
    await l.services.importer.importPaths([REAL]);
    const hit = l.services.collab.drafts.findSources('Hofmann', 20).find((h) => h.quoteId)!;
    expect(hit).toMatchObject({ speaker: 'Heike Hofmann', role: 'Sozialministerin' });
    expect(hit.quote!.startsWith('Sozialer Zusammenhalt fußt nicht zuletzt')).toBe(true);
    const attrs = { documentId: hit.id, kind: hit.kind, speaker: hit.speaker, title: hit.title, date: hit.date ?? '', quoteId: hit.quoteId, quote: hit.quote, role: hit.role ?? '', organisation: hit.organisation ?? '' };
    const label = citationLabel(attrs);
    expect(label.startsWith('Heike Hofmann (Sozialministerin): „Sozialer Zusammenhalt fußt')).toBe(true);
    expect(label).toContain('– „Neues Zukunftsbündnis sieht soziale Quartiersentwicklung als Gemeinschaftsaufgabe“');
    // Exports print exactly the editor's label.
    expect(exportLabel(attrs)).toBe(label);
    // The whole release is cited with its publisher, not with Fabienne Weihrauch (alphabetically first).
    const doc = l.services.collab.drafts.findSources('Zukunftsbündnis', 20).find((h) => !h.quoteId)!;
    expect(doc.speaker).toBe('Hessisches Ministerium für Wirtschaft, Energie, Verkehr, Wohnen und ländlichen Raum');
  });
});

describe('a cited quote in every export', () => {
  it('Markdown, HTML and Word print the speaker, role, organisation, quote, source and date of the citation node', async () => {
    const l = lib();
    const attrs = { documentId: 'x', kind: 'press_release', speaker: 'Heike Hofmann', role: 'Sozialministerin', organisation: 'Hessisches Sozialministerium', quote: 'Sozialer Zusammenhalt fußt auf Engagement.', title: 'Neues Zukunftsbündnis', date: '2025-03-04', quoteId: 'q1' };
    const label = 'Heike Hofmann (Sozialministerin, Hessisches Sozialministerium): „Sozialer Zusammenhalt fußt auf Engagement.“ – „Neues Zukunftsbündnis“ (04.03.2025)';
    const id = l.services.documents.create({
      kind: 'note',
      title: 'Pressespiegel',
      content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Dazu: ' }, { type: 'citation', attrs }] }] },
    }).id;
    const md = fs.readFileSync(l.services.exports.markdown(id, path.join(l.dir, 'a.md')).outputPath, 'utf8');
    expect(md.replace(/\\/g, '')).toContain(`[${label}]`);
    const html = fs.readFileSync(l.services.exports.html(id, path.join(l.dir, 'a.html')).outputPath, 'utf8');
    expect(html).toContain(`<cite class="citation">${label}</cite>`);
    const docx = (await l.services.exports.docx(id, path.join(l.dir, 'a.docx'))).outputPath;
    expect((await mammoth.extractRawText({ path: docx })).value).toContain(`[${label}]`);
    // The dossier (PDF) is printed from this HTML; hyphenation adds soft hyphens only.
    const other = l.services.documents.create({ kind: 'note', title: 'Zweites Dokument', bodyText: 'Ohne Zitat.' }).id;
    const model = l.services.exports.documentsModel([id, other], 'Dossier Zusammenhalt');
    const dossier = renderDossier(model, loadPrintResources(path.join(REPO_ROOT, 'resources')));
    expect(dossier.html.replace(/\u00ad/gu, '')).toContain(label);
  });
});

describe('citation labels', () => {
  it('a quote names speaker, role, organisation, source and date; a document its publisher', () => {
    expect(citationLabel({ speaker: 'Eva Roth', role: 'Stadträtin', organisation: 'Stadt Kassel', quote: 'Wir bleiben dran.', title: 'Neue Wege', date: '2026-05-04' })).toBe(
      'Eva Roth (Stadträtin, Stadt Kassel): „Wir bleiben dran.“ – „Neue Wege“ (04.05.2026)',
    );
    expect(citationLabel({ speaker: 'Eva Roth', quote: 'Ja.', title: '', date: '' })).toBe('Eva Roth: „Ja.“');
    expect(citationLabel({ speaker: 'Stadt Kassel', title: 'Neue Wege', date: '2026-05-04' })).toBe('Stadt Kassel: „Neue Wege“ (04.05.2026)');
    expect(citationLabel({})).toBe('Quelle');
  });

  it('typed German dates match ISO dates', () => {
    expect(germanDateToIso('4.5.2026')).toBe('2026-05-04');
    expect(germanDateToIso('05.2026')).toBe('2026-05');
    expect(germanDateToIso('2026')).toBe('2026');
  });
});
