import path from 'node:path';

export type ImportFormat = 'txt' | 'md' | 'html' | 'docx' | 'odt' | 'doc' | 'rtf' | 'pdf' | 'eml' | 'jsonl';

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
    case '.odt':
      return 'odt';
    case '.doc':
      return 'doc';
    case '.rtf':
      return 'rtf';
    case '.pdf':
      return 'pdf';
    case '.eml':
      return 'eml';
    default:
      return null;
  }
}

/** Format of an attachment by its media type, when its name does not tell (issue 18 §5). */
export function formatOfMediaType(mediaType: string): ImportFormat | null {
  const t = mediaType.toLowerCase().split(';')[0]!.trim();
  switch (t) {
    case 'application/pdf':
      return 'pdf';
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return 'docx';
    case 'application/vnd.oasis.opendocument.text':
      return 'odt';
    case 'application/msword':
      return 'doc';
    case 'application/rtf':
    case 'text/rtf':
      return 'rtf';
    case 'text/plain':
      return 'txt';
    case 'text/html':
      return 'html';
    case 'text/markdown':
      return 'md';
    case 'message/rfc822':
      return 'eml';
    default:
      return null;
  }
}
