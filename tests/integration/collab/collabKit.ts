import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { createServices, type Services } from '../../../electron/services/createServices';
import { docToRich } from '../../../electron/services/collab/draftDoc';
import { SyncClient } from '../../../electron/services/collab/SyncClient';
import { draftDocName, openServerStore, startSyncServer, type RunningSyncServer } from '../../../electron/services/collab/SyncServer';
import { UpdateLog } from '../../../electron/services/collab/UpdateLog';
import { MemoryEventSink, silentLogger, systemClock } from '../../../electron/services/ports';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';
import { draftToPlain } from '../../../shared/editor/draftText';
import { REPO_ROOT, tempDir } from '../../support/testLibrary';

export const TOKEN = 'test-token-7f3a';
export const BIN = path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs');

/** A library of one person: real SQLite file, real services, fast debounce. */
export class Peer {
  services: Services;
  client: SyncClient | null = null;
  constructor(
    readonly name: string,
    readonly dir: string,
  ) {
    this.services = Peer.open(dir);
  }

  static open(dir: string): Services {
    return createServices(
      {
        paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
        events: new MemoryEventSink(),
        clock: systemClock,
        logger: silentLogger,
      },
      { dbPath: path.join(dir, 'bibliothek.sqlite'), appVersion: '0.0.0-test', collab: { textDebounceMs: 20, compactAfter: 200 } },
    );
  }

  get drafts() {
    return this.services.collab.drafts;
  }

  connect(url: string, token = TOKEN): SyncClient {
    this.client = new SyncClient({ url, token, collab: this.drafts, documents: this.services.documents, logger: silentLogger, minDelay: 100, maxDelay: 400 });
    return this.client;
  }

  disconnect(): void {
    this.client?.stop();
    this.client = null;
  }

  /** Types `text` at character `at` of paragraph `block` (as the editor would: one Yjs transaction). */
  type(id: string, text: string, at: number | 'end' = 'end', block = 0): void {
    const doc = this.drafts.get(id).doc;
    doc.transact(() => {
      const p = doc.getXmlFragment(DRAFT_FRAGMENT).get(block) as Y.XmlElement;
      let t = p.get(0) as Y.XmlText | undefined;
      if (!t) {
        t = new Y.XmlText();
        p.insert(0, [t]);
      }
      t.insert(at === 'end' ? t.length : Math.min(at, t.length), text);
    }, { source: 'editor', clientId: this.name });
  }

  text(id: string): string {
    return this.drafts.plainText(id);
  }

  /** A restart: close the library file and open it again. */
  reopen(): void {
    this.disconnect();
    this.services.close();
    this.services = Peer.open(this.dir);
  }

  close(): void {
    this.disconnect();
    this.services.close();
  }
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Zeitüberschreitung: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The text the server has stored for a draft (read from its SQLite file, as after a restart). */
export function serverText(storePath: string, id: string): string {
  const db = openServerStore(storePath);
  try {
    const { updates } = new UpdateLog(db).since(draftDocName(id), 0);
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    return draftToPlain(docToRich(doc));
  } finally {
    db.close();
  }
}

export async function inProcessServer(dir: string): Promise<RunningSyncServer & { storePath: string }> {
  const storePath = path.join(dir, 'server.sqlite');
  const server = await startSyncServer({ host: '127.0.0.1', port: 0, storePath, token: TOKEN, logger: silentLogger, compactAfter: 100 });
  return Object.assign(server, { storePath });
}

/** `quartierswissen serve` in a child process (so a test can kill it hard). */
export async function childServer(storePath: string, port = 0): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--host', '127.0.0.1', '--port', String(port), '--store', storePath], {
    env: { ...process.env, QW_SYNC_TOKEN: TOKEN, QW_DB: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const start = Date.now();
  for (;;) {
    const m = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    if (m) return { child, url: m[0], port: Number(m[1]) };
    if (child.exitCode !== null) throw new Error(`serve beendet (${child.exitCode}): ${err}`);
    if (Date.now() - start > 20_000) {
      child.kill('SIGKILL');
      throw new Error(`serve startet nicht: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export function peers(...names: string[]): { root: string; peers: Peer[]; dispose(): void } {
  const root = tempDir('qw-collab-');
  const list = names.map((n) => {
    const dir = path.join(root, n);
    fs.mkdirSync(dir, { recursive: true });
    return new Peer(n, dir);
  });
  return {
    root,
    peers: list,
    dispose() {
      for (const p of list) {
        try {
          p.close();
        } catch {
          // already closed
        }
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
