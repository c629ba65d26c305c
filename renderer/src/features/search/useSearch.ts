import { useEffect, useRef, useState } from 'react';
import type { QuoteResult, SearchFilters, SearchResult } from '../../../../shared/ipc/areas/search';
import { useReportError } from '../../components/errors/useReportError';
import { call, onEvent } from '../../lib/api';

export type SearchMode = 'documents' | 'quotes';

/** Time between the last key and the query (issue 4 §5: results as you type). */
export const SEARCH_DEBOUNCE_MS = 120;

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; previous: SearchResult | QuoteResult | null }
  | { status: 'documents'; result: SearchResult }
  | { status: 'quotes'; result: QuoteResult };

type Answer = { key: string; mode: 'documents'; result: SearchResult } | { key: string; mode: 'quotes'; result: QuoteResult } | { key: string; mode: 'failed' };

/**
 * Counts the index's growth: a new value whenever the number of findable documents changes or a
 * build reports progress (`index.updated`), so the open search asks again and shows what has
 * become findable, without the query being retyped.
 */
function useIndexVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let last = '';
    return onEvent('index.updated', (s) => {
      const sig = `${s.docCount}/${s.building ? s.building.done : '-'}`;
      if (sig === last) return;
      last = sig;
      setVersion((v) => v + 1);
    });
  }, []);
  return version;
}

/**
 * Search-as-you-type: debounced, the last word as a prefix; an answer that arrives after a newer
 * query was sent is dropped, so results never jump back. While the next answer is on its way the
 * previous one stays visible.
 */
export function useSearch(q: string, mode: SearchMode, filters: SearchFilters): SearchState {
  const report = useReportError();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [previous, setPrevious] = useState<SearchResult | QuoteResult | null>(null);
  const seq = useRef(0);
  const query = q.trim();
  const key = JSON.stringify([query, mode, filters]);
  const indexVersion = useIndexVersion();

  useEffect(() => {
    const mine = ++seq.current;
    if (query === '') return;
    const timer = window.setTimeout(() => {
      const [, , parsedFilters] = JSON.parse(key) as [string, SearchMode, SearchFilters];
      const request: Promise<Answer> =
        mode === 'documents'
          ? call('search.query', { q: query, prefix: true, limit: 50, filters: parsedFilters }).then((result) => ({ key, mode, result }))
          : call('search.quotes', { q: query, limit: 50 }).then((result) => ({ key, mode, result }));
      request.then(
        (next) => {
          if (seq.current !== mine) return;
          setAnswer(next);
          if (next.mode !== 'failed') setPrevious(next.result);
        },
        (err: unknown) => {
          if (seq.current !== mine) return;
          setAnswer({ key, mode: 'failed' });
          report(err, 'search.error');
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [key, query, mode, report, indexVersion]);

  if (query === '') return { status: 'idle' };
  if (answer?.key === key) {
    if (answer.mode === 'documents') return { status: 'documents', result: answer.result };
    if (answer.mode === 'quotes') return { status: 'quotes', result: answer.result };
    return { status: 'idle' };
  }
  return { status: 'loading', previous };
}
