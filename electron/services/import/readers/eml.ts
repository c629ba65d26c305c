import { AppError } from '../../../../shared/errors';
import { decodeBytes } from './decodeText';
import { readHtmlString } from './html';
import type { Attachment, ReadResult } from './types';

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

function splitHeaders(raw: Buffer): Part {
  const text = raw.toString('latin1');
  const m = /\r?\n\r?\n/u.exec(text);
  const headEnd = m ? m.index : text.length;
  const bodyStart = m ? m.index + m[0].length : text.length;
  const headers = new Map<string, string>();
  // Unfold continuation lines (RFC 5322 §2.2.3).
  const unfolded = text.slice(0, headEnd).replace(/\r?\n[ \t]+/gu, ' ');
  for (const line of unfolded.split(/\r?\n/u)) {
    const i = line.indexOf(':');
    if (i > 0) {
      const key = line.slice(0, i).trim().toLowerCase();
      if (!headers.has(key)) headers.set(key, line.slice(i + 1).trim());
    }
  }
  return { headers, body: raw.subarray(Buffer.byteLength(text.slice(0, bodyStart), 'latin1')) };
}

function param(header: string | undefined, name: string): string | null {
  if (!header) return null;
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'iu').exec(header);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const s = body.toString('latin1').replace(/=\r?\n/gu, '');
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/u.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

function transferDecode(part: Part): Buffer {
  const enc = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(part.body.toString('latin1').replace(/[^A-Za-z0-9+/=]/gu, ''), 'base64');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

/** RFC 2047 encoded words in headers: =?utf-8?Q?…?= and =?iso-8859-1?B?…?=. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/gu, '?==?')
    .replace(/=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/gu, (_, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toLowerCase() === 'b'
          ? Buffer.from(data, 'base64')
          : decodeQuotedPrintable(Buffer.from(data.replace(/_/gu, ' '), 'latin1'));
      try {
        return decodeBytes(bytes, charset.split('*')[0]!);
      } catch {
        return bytes.toString('latin1');
      }
    });
}

function partText(part: Part): string {
  const charset = param(part.headers.get('content-type'), 'charset') ?? 'utf-8';
  const bytes = transferDecode(part);
  try {
    return decodeBytes(bytes, charset === 'us-ascii' ? 'utf-8' : charset);
  } catch {
    return decodeBytes(bytes, 'windows-1252');
  }
}

/** Depth-first leaves of a MIME tree. */
function leaves(part: Part, depth = 0): Part[] {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (!type.startsWith('multipart/') || depth > 10) return [part];
  const boundary = param(part.headers.get('content-type'), 'boundary');
  if (!boundary) return [];
  const body = part.body.toString('latin1');
  const delim = `--${boundary}`;
  const pieces = body.split(delim).slice(1);
  const out: Part[] = [];
  for (const piece of pieces) {
    if (piece.startsWith('--')) break;
    const raw = Buffer.from(piece.replace(/^\r?\n/u, '').replace(/\r?\n$/u, ''), 'latin1');
    out.push(...leaves(splitHeaders(raw), depth + 1));
  }
  return out;
}

function headerDate(value: string | undefined): string | null {
  if (!value) return null;
  // The sender's calendar day as written: "Tue, 24 Nov 2026 10:15:00 +0100".
  const m = /(\d{1,2})\s+([A-Za-z]{3})\w*\s+(\d{4})/u.exec(value);
  if (!m) return null;
  const month = MONTHS[m[2]!.toLowerCase()];
  if (!month) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** RFC 2231 (`filename*=utf-8''…`) or RFC 2047 encoded file name of a part, else null. */
function fileName(part: Part): string | null {
  const disp = part.headers.get('content-disposition');
  const type = part.headers.get('content-type');
  for (const h of [disp, type]) {
    if (!h) continue;
    const ext = /;\s*(?:filename|name)\*(?:0\*)?\s*=\s*([^;]+)/iu.exec(h);
    if (ext) {
      const m = /^([\w-]+)?'[^']*'(.*)$/u.exec(ext[1]!.trim().replace(/^"|"$/gu, ''));
      if (m) {
        const raw = m[2]!;
        const bytes: number[] = [];
        for (let i = 0; i < raw.length; i++) {
          if (raw[i] === '%' && /^[0-9a-f]{2}$/iu.test(raw.slice(i + 1, i + 3))) {
            bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
            i += 2;
          } else bytes.push(raw.charCodeAt(i) & 0xff);
        }
        try {
          return decodeBytes(Uint8Array.from(bytes), m[1] ?? 'utf-8');
        } catch {
          return Buffer.from(bytes).toString('latin1');
        }
      }
    }
    const plain = param(h, h === disp ? 'filename' : 'name');
    if (plain) return decodeHeader(plain);
  }
  return null;
}

function isAttachment(part: Part): boolean {
  const disp = (part.headers.get('content-disposition') ?? '').toLowerCase();
  if (disp.startsWith('attachment')) return true;
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('message/rfc822')) return true; // a forwarded message: a document of its own
  // An inline part with a file name that is not the message text (a PDF shown inline, a forwarded mail).
  return fileName(part) !== null && !type.startsWith('text/plain') && !type.startsWith('text/html');
}

/**
 * A press release sent by e-mail (.eml, RFC 5322/MIME): the text/plain body (else the HTML body,
 * sanitized), with subject, date and sender as hints. Attachments come back as files of their
 * own (issue 18 §5): the importer reads each with its format's reader and links it to the e-mail.
 */
export function readEml(bytes: Buffer): ReadResult {
  const head = bytes.subarray(0, 4096).toString('latin1');
  if (!/^(?:[\w-]+:.*\r?\n(?:[ \t].*\r?\n)*)+/u.test(head) || !/^(from|date|subject|mime-version|received|message-id|to|return-path):/imu.test(head)) {
    throw new AppError('INVALID_FILE', 'Die Datei ist keine E-Mail (keine Kopfzeilen wie From, Date, Subject).');
  }
  const root = splitHeaders(bytes);
  const all = leaves(root);
  const type = (p: Part) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase();
  const parts = all.filter((p) => !isAttachment(p));
  const attachments: Attachment[] = all
    .filter(isAttachment)
    .map((p, i) => ({ name: fileName(p) ?? (type(p).startsWith('message/rfc822') ? `Weitergeleitete Nachricht ${i + 1}.eml` : `Anhang ${i + 1}`), mediaType: (p.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase(), bytes: transferDecode(p) }));
  const plain = parts.find((p) => type(p).startsWith('text/plain'));
  const html = parts.find((p) => type(p).startsWith('text/html'));
  const subject = root.headers.get('subject');
  const from = root.headers.get('from');
  const fromName = from ? decodeHeader(from).replace(/<[^>]*>/gu, '').trim().replace(/^"|"$/gu, '').trim() || null : null;
  const hints = {
    titleHint: subject ? decodeHeader(subject).replace(/^(?:(?:re|aw|fw|fwd|wg):\s*)+/iu, '').trim() : null,
    dateHint: headerDate(root.headers.get('date')),
    publisherHint: fromName,
  };
  if (plain) return { text: partText(plain), html: null, ...hints, attachments, mediaType: 'message/rfc822' };
  if (html) {
    const r = readHtmlString(partText(html), 'message/rfc822');
    return { ...r, ...hints, titleHint: hints.titleHint ?? r.titleHint, attachments };
  }
  // Only attachments: the e-mail is their envelope; its subject stands for its text.
  if (attachments.length > 0) return { text: hints.titleHint ?? '', html: null, ...hints, attachments, mediaType: 'message/rfc822' };
  throw new AppError('INVALID_FILE', 'Die E-Mail enthält keinen Text (weder text/plain noch text/html).');
}
