import path from 'node:path';

export type ImportFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'eml' | 'jsonl';

/** Format by file name; null for anything the importer does not read. */
export function detectFormat(file: string): ImportFormat | null {
  const name = path.basename(file).toLowerCase();
  if (/\.(jsonl|ndjson)(\.gz)?$/u.test(name)) return 'jsonl';
  const ext = path.extname(name);
  switch (ext) {
    case '.txt':
    case '.text':
      return 'txt';
    case '.md':
    case '.markdown':
      return 'md';
    case '.html':
    case '.htm':
    case '.xhtml':
      return 'html';
    case '.docx':
      return 'docx';
    case '.pdf':
      return 'pdf';
    case '.eml':
      return 'eml';
    default:
      return null;
  }
}
