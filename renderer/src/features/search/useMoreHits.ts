import { useCallback, useMemo, useState } from 'react';
import type { SearchFilters, SearchHit, SearchResult } from '../../../../shared/ipc/areas/search';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';

/** Hits per page, the same as the first answer of useSearch. */
export const PAGE_SIZE = 50;

/**
 * „Weitere Treffer laden“ (issue 15: search stopped at 50 hits): the next pages of the answer
 * that is shown, asked for with `offset`, in the same prefix mode as the first page. A new first
 * answer (other words or filters) starts again without extra pages.
 */
export function useMoreHits(first: SearchResult | null, q: string, filters: SearchFilters) {
  const report = useReportError();
  const [pages, setPages] = useState<{ first: SearchResult | null; hits: SearchHit[] }>({ first: null, hits: [] });
  const [loading, setLoading] = useState(false);
  const more = useMemo(() => (first !== null && pages.first === first ? pages.hits : []), [first, pages]);
  const shown = (first?.hits.length ?? 0) + more.length;
  const hasMore = first !== null && shown < first.total;

  const loadMore = useCallback(async (): Promise<number> => {
    if (!first || loading) return 0;
    setLoading(true);
    try {
      const r = await call('search.query', { q: q.trim(), prefix: true, limit: PAGE_SIZE, offset: shown, filters });
      const seen = new Set([...first.hits, ...more].map((h) => h.id));
      const fresh = r.hits.filter((h) => !seen.has(h.id));
      setPages({ first, hits: [...more, ...fresh] });
      return fresh.length;
    } catch (err) {
      report(err, 'search.error');
      return 0;
    } finally {
      setLoading(false);
    }
  }, [first, loading, q, shown, filters, more, report]);

  return { more, hasMore, loading, loadMore };
}
