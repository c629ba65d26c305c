import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentSummary } from '../../../../shared/domain/document';
import { call, onEvent } from '../../lib/api';
import { useReportError } from '../../components/errors/useReportError';
import type { PageQuery } from './sections';

export const PAGE_SIZE = 100;

interface PagesState {
  /** Number of matching documents; null until the first page arrived. */
  total: number | null;
  /** Loaded pages keyed by their offset (0, 100, 200, …). */
  pages: ReadonlyMap<number, DocumentSummary[]>;
  /** Pages from before the last refresh, shown until their fresh copy arrives (no flicker). */
  previous: ReadonlyMap<number, DocumentSummary[]>;
  /** The first page failed: nothing can be shown. */
  failed: boolean;
}

const INITIAL: PagesState = { total: null, pages: new Map(), previous: new Map(), failed: false };

function pageOf(index: number): number {
  return Math.floor(index / PAGE_SIZE) * PAGE_SIZE;
}

/**
 * Pages of `documents.list`, fetched on demand as rows come into view, so a list of 10,000
 * documents costs a few hundred rows of memory. The query is fixed for the hook's lifetime
 * (the list is remounted with a new key when it changes); `documents.changed` refreshes in place.
 */
export function useDocumentPages(query: PageQuery) {
  const report = useReportError();
  const [state, setState] = useState<PagesState>(INITIAL);
  // Bumped on every refresh; answers of an older generation are dropped.
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());

  const load = useCallback(
    (offset: number) => {
      const gen = generation.current;
      inFlight.current.add(offset);
      call('documents.list', { ...query, offset, limit: PAGE_SIZE }).then(
        (page) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(offset);
          setState((prev) => {
            const pages = new Map(prev.pages);
            pages.set(offset, page.items);
            return { ...prev, total: page.total, pages, failed: false };
          });
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(offset);
          report(err, 'library.errorLoading');
          setState((prev) => (prev.total === null ? { ...prev, failed: true } : prev));
        },
      );
    },
    [query, report],
  );

  /** Makes sure the pages covering rows `start..end` are loaded or on their way. */
  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (state.failed) return;
      for (let offset = pageOf(start); offset <= Math.max(start, end); offset += PAGE_SIZE) {
        if (state.pages.has(offset) || inFlight.current.has(offset)) continue;
        load(offset);
      }
    },
    [state.pages, state.failed, load],
  );

  const refresh = useCallback(() => {
    generation.current += 1;
    inFlight.current.clear();
    setState((prev) => ({
      total: prev.total,
      pages: new Map(),
      previous: prev.pages.size > 0 ? prev.pages : prev.previous,
      failed: false,
    }));
  }, []);

  useEffect(() => onEvent('documents.changed', refresh), [refresh]);

  const itemAt = useCallback(
    (index: number): DocumentSummary | undefined => {
      const offset = pageOf(index);
      return (state.pages.get(offset) ?? state.previous.get(offset))?.[index - offset];
    },
    [state.pages, state.previous],
  );

  return { total: state.total, failed: state.failed, itemAt, ensureRange, refresh };
}
