import type { ReactNode } from 'react';
import type { HighlightRange } from '../../../../shared/ipc/areas/search';

/** Cleans the ranges: inside the text, in order, not overlapping. */
function normalise(text: string, ranges: readonly HighlightRange[]): HighlightRange[] {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as HighlightRange)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: HighlightRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The snippet as text, its matched words in `<mark>` (never HTML from the index). */
export function HighlightedSnippet({ text, highlights }: { text: string; highlights: readonly HighlightRange[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [s, e] of normalise(text, highlights)) {
    if (s > at) parts.push(text.slice(at, s));
    parts.push(<mark key={s}>{text.slice(s, e)}</mark>);
    at = e;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** The distinct highlighted words of a snippet: what the opened document marks and scrolls to. */
export function highlightedWords(text: string, highlights: readonly HighlightRange[]): string[] {
  const words = normalise(text, highlights)
    .map(([s, e]) => text.slice(s, e).trim())
    .filter((w) => w.length > 0);
  return [...new Set(words)];
}
