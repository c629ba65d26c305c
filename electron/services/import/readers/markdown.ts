import { decodeTextFile } from './decodeText';
import type { ReadResult } from './types';

/**
 * Markdown as text: the markup that is not content is removed (heading marks, emphasis,
 * link targets, images, HTML tags, code fences); the first level-1 heading is the title hint.
 */
export function readMarkdown(bytes: Uint8Array): ReadResult {
  const { text } = decodeTextFile(bytes);
  let title: string | null = null;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let fence = false;
  for (const raw of lines) {
    if (/^\s*(```|~~~)/u.test(raw)) {
      fence = !fence;
      continue;
    }
    if (fence) {
      out.push(raw);
      continue;
    }
    let l = raw;
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/u.exec(l);
    if (h) {
      l = h[2]!;
      if (!title && h[1] === '#') title = l;
      out.push('', l, '');
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/u.test(l)) {
      out.push('');
      continue;
    }
    l = l
      .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '$1') // images: keep the alt text, never the address
      .replace(/\[([^\]]+)\]\([^)]*\)/gu, '$1')
      .replace(/<[^>]+>/gu, '')
      .replace(/(\*\*|__)(.+?)\1/gu, '$2')
      .replace(/(^|[\s(])([*_])(\S(?:.*?\S)?)\2(?=[\s).,;:!?]|$)/gu, '$1$3')
      .replace(/`([^`]+)`/gu, '$1')
      .replace(/^\s{0,3}>\s?/u, '')
      .replace(/^(\s*)[-*+]\s+/u, '$1• ');
    out.push(l);
  }
  return { text: out.join('\n'), html: null, titleHint: title, headline: title, mediaType: 'text/markdown' };
}
