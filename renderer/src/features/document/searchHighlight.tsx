import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import styles from './searchHighlight.module.css';

/**
 * Marks the words a search matched in the opened document and scrolls to the first one
 * (issue 4 §5). The words come from the hit's highlighted snippet; they are found here by simple
 * matching that ignores case and umlaut spelling (ä = ae, ß = ss), since the index's stemming
 * lives in main. Honest about it: a stem match the snippet did not show is not marked.
 */

const FOLD: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', ẞ: 'ss' };

/** Lower-cased, umlauts spelled out; `map[i]` is the index in the source of folded char i. */
export function fold(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const lower = text[i]!.toLowerCase();
    const out = FOLD[lower] ?? lower;
    for (let k = 0; k < out.length; k++) map.push(i);
    folded += out;
  }
  map.push(text.length);
  return { folded, map };
}

const LETTER = /[\p{L}\p{N}]/u;

/** [start, end) ranges of the terms in `text`, merged; short terms only at the start of a word. */
export function findMatches(text: string, terms: readonly string[]): [number, number][] {
  if (terms.length === 0 || text.length === 0) return [];
  const { folded, map } = fold(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    let at = folded.indexOf(term);
    while (at >= 0) {
      const start = map[at]!;
      const wordStart = start === 0 || !LETTER.test(text[start - 1]!);
      if (term.length >= 4 || wordStart) ranges.push([start, map[at + term.length] ?? text.length]);
      at = folded.indexOf(term, at + term.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

const TermsContext = createContext<readonly string[]>([]);

/** Text with the search terms of the surrounding `SearchHighlight` in `<mark>`. */
export function HighlightedText({ text }: { text: string }) {
  const terms = useContext(TermsContext);
  if (terms.length === 0) return <>{text}</>;
  const ranges = findMatches(text, terms);
  if (ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) parts.push(text.slice(at, s));
    parts.push(
      <mark key={s} className={styles.match} data-search-match="">
        {text.slice(s, e)}
      </mark>,
    );
    at = e;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Provides the terms to the text below and brings the first match into view once rendered. */
export function SearchHighlight({ terms, children }: { terms?: readonly string[]; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = (terms ?? []).join('\u0000');
  const folded = useMemo(
    () => [...new Set(key.split('\u0000').map((t) => fold(t.trim()).folded).filter((t) => t.length > 1))],
    [key],
  );

  useEffect(() => {
    if (folded.length === 0) return;
    // After the other effects of this render (the title takes focus first, which scrolls up).
    const frame = requestAnimationFrame(() => {
      const first = ref.current?.querySelector<HTMLElement>('mark[data-search-match]');
      if (!first) return;
      first.setAttribute('data-first-match', '');
      first.scrollIntoView({ block: 'center' });
    });
    return () => cancelAnimationFrame(frame);
  }, [folded]);

  return (
    <TermsContext.Provider value={folded}>
      <div ref={ref}>{children}</div>
    </TermsContext.Provider>
  );
}
