import Database from 'better-sqlite3';
import fs from 'node:fs';
import { mulberry32 } from '../../support/seededRandom';

/**
 * Damages one page of a real, closed library the way a bad sector does: a leaf page of the
 * `documents` table in the middle of the file is overwritten with (seeded) noise. Returns the
 * page number. The file must be closed (its WAL folded in) before.
 *
 * Why a whole page: SQLite keeps no page checksums, so noise confined to the text bytes of a row
 * (e.g. inside a long speech) is structurally valid and no check can see it; damage to a page's
 * header, cell pointers or b-tree links — what a lost or garbled sector brings — is detected.
 */
export function corruptDocumentsPage(file: string, seed = 7): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  let page: number;
  let pageSize: number;
  try {
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    if (pages.length === 0) throw new Error(`${file}: keine Blattseite der Tabelle documents`);
    page = pages[Math.floor(pages.length / 2)]!;
    pageSize = db.pragma('page_size', { simple: true }) as number;
  } finally {
    db.close();
  }
  const rnd = mulberry32(seed);
  const noise = Buffer.alloc(pageSize);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(rnd() * 256);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, noise, 0, noise.length, (page - 1) * pageSize);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return page;
}
