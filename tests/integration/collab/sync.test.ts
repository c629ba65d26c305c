import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { syncOnce } from '../../../electron/services/collab/SyncService';
import { silentLogger } from '../../../electron/services/ports';
import { childServer, inProcessServer, killHard, peers, serverText, TOKEN, waitFor, type Peer } from './collabKit';

/**
 * "Two of them editing the same draft offline must never lose a word when they meet again."
 * Real Hocuspocus server on 127.0.0.1, real SQLite files on both sides; every case ends with all
 * clients and the server's store holding the same text, with every typed word in it.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function expectAllWords(text: string, typed: string[]): void {
  const have = new Set(words(text));
  for (const w of typed) expect(have, `„${w}“ fehlt`).toContain(w);
}

async function converge(ps: Peer[], id: string, storePath?: string): Promise<string> {
  await waitFor('gleicher Text bei allen', () => {
    const first = ps[0]!.text(id);
    return ps.every((p) => p.text(id) === first);
  });
  const text = ps[0]!.text(id);
  if (storePath) await waitFor('Server hat denselben Text gespeichert', () => serverText(storePath, id) === text);
  return text;
}

describe('sync over a real Hocuspocus server', () => {
  it('two clients edit the same paragraph live and converge; a new draft reaches the other library', async () => {
    const env = peers('anna', 'ben');
    cleanups.push(() => env.dispose());
    const server = await inProcessServer(env.root);
    cleanups.push(() => server.close());
    const [anna, ben] = env.peers as [Peer, Peer];

    const id = anna.drafts.createDraft({ title: 'Leitbild Nordstadt', kind: 'leitbild', template: 'empty' }).id;
    anna.type(id, 'Gemeinsamer Absatz.');
    anna.connect(server.url);
    ben.connect(server.url);
    await waitFor('Ben kennt den Entwurf', () => ben.services.documents.exists(id) && ben.drafts.isLoaded(id));
    await converge([anna, ben], id);
    expect(ben.services.documents.get(id).kind).toBe('leitbild');

    const typedA: string[] = [];
    const typedB: string[] = [];
    for (let i = 0; i < 40; i++) {
      const a = `anna${i}`;
      const b = `ben${i}`;
      typedA.push(a);
      typedB.push(b);
      anna.type(id, `${a} `, 0);
      ben.type(id, ` ${b}`, 'end');
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    const text = await converge([anna, ben], id, server.storePath);
    expectAllWords(text, [...typedA, ...typedB, 'Gemeinsamer', 'Absatz.']);
    // Title and search text of the document row follow the doc (debounced through DocumentStore).
    await waitFor('Suchtext aktualisiert', () => ben.services.documents.get(id).bodyText === text);
  });

  for (const order of [
    ['anna', 'ben'],
    ['ben', 'anna'],
  ] as const) {
    it(`two clients edit offline, then sync (${order.join(' first, then ')}), nothing is lost`, async () => {
      const env = peers('anna', 'ben');
      cleanups.push(() => env.dispose());
      const server = await inProcessServer(env.root);
      cleanups.push(() => server.close());
      const [anna, ben] = env.peers as [Peer, Peer];
      const byName = { anna, ben };
      const sync = (p: Peer) => syncOnce(p.drafts, p.services.documents, silentLogger, { url: server.url, token: TOKEN, timeoutMs: 15_000 });

      const id = anna.drafts.createDraft({ title: 'Fahrplan Quartiersrat', kind: 'note', template: 'empty' }).id;
      anna.type(id, 'Start.');
      await sync(anna);
      await sync(ben);
      expect(ben.text(id)).toBe('Start.');

      // On the train: both edit the same paragraph and a new one, neither connected.
      anna.type(id, ' Anna ergänzt Spielplätze.', 'end');
      ben.type(id, 'Ben beginnt vorne. ', 0);
      anna.drafts.appendParagraph(id, 'Annas neuer Absatz zur Mobilität.');
      ben.drafts.appendParagraph(id, 'Bens neuer Absatz zur Teilhabe.');
      // A restart in between: offline edits are on disk, not in memory.
      anna.reopen();
      ben.reopen();
      expect(anna.drafts.pending(id)).toBeGreaterThan(0);

      const [first, second] = [byName[order[0]], byName[order[1]]];
      await sync(first);
      await sync(second);
      await sync(first);
      const text = await converge([anna, ben], id, server.storePath);
      expectAllWords(text, ['Start.', 'Anna', 'ergänzt', 'Spielplätze.', 'Ben', 'beginnt', 'vorne.', 'Annas', 'Mobilität.', 'Bens', 'Teilhabe.']);
      expect(anna.drafts.pending(id)).toBe(0);
      expect(ben.drafts.pending(id)).toBe(0);
    });
  }

  it('the server is killed and restarted during editing; clients reconnect and converge', async () => {
    const env = peers('anna', 'ben');
    cleanups.push(() => env.dispose());
    const storePath = path.join(env.root, 'server.sqlite');
    let srv = await childServer(storePath);
    cleanups.push(() => killHard(srv.child));
    const [anna, ben] = env.peers as [Peer, Peer];
    const id = anna.drafts.createDraft({ title: 'Sozialraumanalyse', kind: 'note', template: 'empty' }).id;
    anna.type(id, 'Vor dem Absturz.');
    anna.connect(srv.url);
    ben.connect(srv.url);
    await waitFor('Ben hat den Entwurf', () => ben.drafts.isLoaded(id));
    await converge([anna, ben], id);

    const typed: string[] = [];
    for (let i = 0; i < 10; i++) {
      anna.type(id, ` a${i}`);
      ben.type(id, `b${i} `, 0);
      typed.push(`a${i}`, `b${i}`);
    }
    await killHard(srv.child);
    // Typing goes on while the server is down.
    for (let i = 10; i < 20; i++) {
      anna.type(id, ` a${i}`);
      ben.type(id, `b${i} `, 0);
      typed.push(`a${i}`, `b${i}`);
    }
    await waitFor('Clients merken den Ausfall', () => anna.client!.connection !== 'connected');
    srv = await childServer(storePath, srv.port);
    const text = await converge([anna, ben], id);
    await waitFor('wieder vollständig synchron', () => anna.client!.isFullySynced() && ben.client!.isFullySynced(), 20_000);
    expectAllWords(text, ['Vor', 'dem', 'Absturz.', ...typed]);
    expect(serverText(storePath, id)).toBe(text);
  });

  it('a client with a wrong token gets nothing and changes nothing', async () => {
    const env = peers('anna', 'mallory');
    cleanups.push(() => env.dispose());
    const server = await inProcessServer(env.root);
    cleanups.push(() => server.close());
    const [anna, mallory] = env.peers as [Peer, Peer];
    const id = anna.drafts.createDraft({ title: 'Vertraulicher Entwurf', kind: 'note', template: 'empty' }).id;
    anna.type(id, 'Nur für das Team.');
    await syncOnce(anna.drafts, anna.services.documents, silentLogger, { url: server.url, token: TOKEN });

    // Mallory has a copy of the draft id and tries to push and pull with a wrong token.
    mallory.drafts.adopt(id, { title: 'x', kind: 'note' });
    mallory.drafts.appendParagraph(id, 'Eingeschleust.');
    await expect(
      syncOnce(mallory.drafts, mallory.services.documents, silentLogger, { url: server.url, token: 'falsch', timeoutMs: 5000 }),
    ).rejects.toMatchObject({ code: 'IO', details: { reason: 'denied' } });
    expect(mallory.text(id)).toBe('Eingeschleust.');
    expect(serverText(server.storePath, id)).toBe('Nur für das Team.');
    const client = mallory.connect(server.url, 'falsch');
    await waitFor('abgelehnt', () => client.connection === 'denied');
    expect(mallory.services.documents.list({}).total).toBe(1);
  });

  it('a 300-page draft syncs to a second library intact', async () => {
    const env = peers('anna', 'ben');
    cleanups.push(() => env.dispose());
    const server = await inProcessServer(env.root);
    cleanups.push(() => server.close());
    const [anna, ben] = env.peers as [Peer, Peer];
    // ~300 pages: 1,800 paragraphs of ~500 characters (≈ 3,000 characters per page).
    const para = (i: number) =>
      `Absatz ${i}: Die Quartiersentwicklung stärkt Nachbarschaft, Teilhabe und Bildung im Stadtteil. `.repeat(5).trim();
    const content = { type: 'doc', content: Array.from({ length: 1800 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: para(i) }] })) };
    const doc = anna.services.documents.create({ kind: 'leitbild', title: 'Großes Leitbild', content });
    const id = doc.id;
    expect(anna.text(id).length).toBeGreaterThan(300 * 2500);
    anna.type(id, 'Ergänzung am Ende. ', 'end', 1799);
    await syncOnce(anna.drafts, anna.services.documents, silentLogger, { url: server.url, token: TOKEN, timeoutMs: 60_000 });
    await syncOnce(ben.drafts, ben.services.documents, silentLogger, { url: server.url, token: TOKEN, timeoutMs: 60_000 });
    const text = anna.text(id);
    expect(ben.text(id)).toBe(text);
    expect(text).toContain('Ergänzung am Ende.');
    expect(serverText(server.storePath, id)).toBe(text);
  });
});
