import { Search } from 'lucide-react';
import { useEffect, useId, useRef, useState, type Dispatch, type KeyboardEvent, type MouseEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../../shared/domain/document';
import type { FacetCount, QuoteHit, SearchFacets, SearchFilters, SearchHit } from '../../../../shared/ipc/areas/search';
import { Modal } from '../../components/Modal';
import { formatIsoDate } from '../../lib/formatDate';
import { hintText } from './hintText';
import { HighlightedSnippet, highlightedWords } from './HighlightedSnippet';
import styles from './Search.module.css';
import { useMoreHits } from './useMoreHits';
import { useSearch, type SearchMode } from './useSearch';

export interface SearchDialogProps {
  open: boolean;
  onClose: () => void;
  /** Opens a document; `terms` are the matched words to mark and scroll to. */
  onOpen: (documentId: string, terms: string[]) => void;
}

type ArrayFacet = 'tags' | 'people' | 'organisations';
const FACET_LIMIT = 8;

/** The words of the query, as a fallback when a hit has no highlighted words. */
function queryWords(q: string): string[] {
  return q
    .split(/[\s"„“]+/u)
    .map((w) => w.replace(/^[-+]+|[*~]+$/gu, ''))
    .filter((w) => w.length > 1);
}

/** Search across the library (Ctrl+K from anywhere; issue 4 §5). */
export function SearchDialog({ open, onClose, onOpen }: SearchDialogProps) {
  const headingId = useId();
  // Kept here, outside the panel: reopening the dialog finds the last query and filters (issue 15).
  const [q, setQ] = useState('');
  const [mode, setMode] = useState<SearchMode>('documents');
  const [filters, setFilters] = useState<SearchFilters>({});
  return (
    <Modal open={open} onClose={onClose} labelledBy={headingId} className={styles.dialog}>
      <SearchPanel headingId={headingId} onOpen={onOpen} q={q} setQ={setQ} mode={mode} setMode={setMode} filters={filters} setFilters={setFilters} />
    </Modal>
  );
}

interface PanelProps {
  headingId: string;
  onOpen: SearchDialogProps['onOpen'];
  q: string;
  setQ: (q: string) => void;
  mode: SearchMode;
  setMode: (mode: SearchMode) => void;
  filters: SearchFilters;
  setFilters: Dispatch<SetStateAction<SearchFilters>>;
}

function SearchPanel({ headingId, onOpen, q, setQ, mode, setMode, filters, setFilters }: PanelProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'de';
  const ids = { list: useId(), option: useId(), hint: useId(), input: useId(), people: useId() };
  const inputRef = useRef<HTMLInputElement>(null);
  const [peopleFilter, setPeopleFilter] = useState('');
  // Reopened with the last query: selected, so typing replaces it and Enter opens the first hit.
  useEffect(() => inputRef.current?.select(), []);
  // The selection belongs to one answer: a new answer starts without one (ArrowDown picks the first hit).
  const [selection, setSelection] = useState<{ answer: unknown; index: number }>({ answer: null, index: -1 });
  const state = useSearch(q, mode, filters);
  const listRef = useRef<HTMLUListElement>(null);

  const shown = state.status === 'loading' ? state.previous : state.status === 'idle' ? null : state.result;
  const firstPage = mode === 'documents' && shown && 'facets' in shown ? shown : null;
  const paging = useMoreHits(firstPage, q, filters);
  const docHits: SearchHit[] = firstPage ? [...firstPage.hits, ...paging.more] : [];
  const quoteHits: QuoteHit[] = mode === 'quotes' && shown && !('facets' in shown) ? shown.hits : [];
  const count = mode === 'documents' ? docHits.length : quoteHits.length;
  const facets: SearchFacets | null = mode === 'documents' && shown && 'facets' in shown ? shown.facets : null;
  const hint = hintText(t, shown?.hints);
  const [facetsOpen, setFacetsOpen] = useState(false);

  const active = selection.answer === shown ? selection.index : -1;
  const setActive = (next: number | ((current: number) => number)) =>
    setSelection({ answer: shown, index: typeof next === 'function' ? next(active) : next });

  useEffect(() => {
    if (active < 0) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const openAt = (index: number) => {
    if (mode === 'documents') {
      const hit = docHits[index];
      if (!hit) return;
      const words = highlightedWords(hit.snippet, hit.highlights);
      onOpen(hit.id, words.length > 0 ? words : queryWords(q));
    } else {
      const hit = quoteHits[index];
      if (!hit) return;
      const words = highlightedWords(hit.snippet, hit.highlights);
      onOpen(hit.documentId, words.length > 0 ? words : queryWords(q));
    }
  };

  /** Loads the next page and selects its first hit (focus back in the field: Enter opens it). */
  const loadMore = async () => {
    const before = docHits.length;
    const added = await paging.loadMore();
    if (added > 0) {
      setSelection({ answer: shown, index: before });
      inputRef.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      // Past the last hit shown: the next page comes (issue 15).
      if (mode === 'documents' && active === count - 1 && paging.hasMore) void loadMore();
      else if (count > 0) setActive((a) => Math.min(a + 1, count - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (count > 0) setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (count > 0) openAt(active >= 0 ? active : 0);
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(count > 0 ? 0 : -1);
    } else if (event.key === 'End' && event.ctrlKey) {
      setActive(count - 1);
    }
  };

  const toggleKind = (kind: DocumentKind) =>
    setFilters((f) => {
      const kinds = f.kinds?.includes(kind) ? f.kinds.filter((k) => k !== kind) : [...(f.kinds ?? []), kind];
      return { ...f, kinds: kinds.length ? kinds : undefined };
    });
  const toggleYear = (year: number) =>
    setFilters((f) => (f.yearFrom === year && f.yearTo === year ? { ...f, yearFrom: undefined, yearTo: undefined } : { ...f, yearFrom: year, yearTo: year }));
  const toggleValue = (facet: ArrayFacet, value: string) =>
    setFilters((f) => {
      const list = f[facet]?.includes(value) ? f[facet].filter((v) => v !== value) : [...(f[facet] ?? []), value];
      return { ...f, [facet]: list.length ? list : undefined };
    });
  const activeFilters =
    (filters.kinds?.length ?? 0) + (filters.yearFrom ? 1 : 0) + (filters.tags?.length ?? 0) + (filters.people?.length ?? 0) + (filters.organisations?.length ?? 0);

  const facetGroup = (
    name: string,
    values: FacetCount[],
    isOn: (value: string) => boolean,
    toggle: (value: string) => void,
    label: (value: string) => string = (v) => v,
    filterable?: { value: string; set: (v: string) => void },
  ) => {
    const searchable = filterable !== undefined && values.length > FACET_LIMIT;
    const needle = searchable ? filterable.value.trim().toLocaleLowerCase() : '';
    const named = queryWords(q).map((w) => w.toLocaleLowerCase());
    // The person asked for stays visible: selected values and values the query names always.
    const visible = needle
      ? values.filter((v) => v.value.toLocaleLowerCase().includes(needle) || isOn(v.value))
      : values.filter((v, i) => i < FACET_LIMIT || isOn(v.value) || (filterable !== undefined && named.some((w) => v.value.toLocaleLowerCase().includes(w))));
    if (values.length === 0) return null;
    const hidden = values.length - visible.length;
    return (
      <div className={styles.facetGroup} role="group" aria-label={name}>
        <h3 className={styles.facetTitle}>{name}</h3>
        {searchable ? (
          <>
            <label htmlFor={ids.people} className="visually-hidden">
              {t('searchMore.facetFilter')}
            </label>
            <input
              id={ids.people}
              className={styles.facetFilter}
              type="search"
              value={filterable.value}
              placeholder={t('searchMore.facetFilterPlaceholder')}
              onChange={(e) => filterable.set(e.target.value)}
              onKeyDown={(e) => {
                // Escape empties the field first; a second Escape closes the dialog.
                if (e.key === 'Escape' && filterable.value) {
                  e.preventDefault();
                  e.stopPropagation();
                  filterable.set('');
                }
              }}
            />
          </>
        ) : null}
        {needle && visible.length === 0 ? <p className={styles.muted}>{t('searchMore.facetNoMatch')}</p> : null}
        <ul>
          {visible.map((v) => (
            <li key={v.value}>
              <button type="button" className={styles.facet} aria-pressed={isOn(v.value)} onClick={() => toggle(v.value)}>
                <span className={styles.facetValue}>{label(v.value)}</span>
                <span className={styles.facetCount}>{v.count}</span>
              </button>
            </li>
          ))}
        </ul>
        {searchable && !needle && hidden > 0 ? <p className={styles.muted}>{t('searchMore.facetMore', { count: hidden })}</p> : null}
      </div>
    );
  };

  const optionId = (i: number) => `${ids.option}-${i}`;
  /** What every result row is, whether a document or a quote: an option of the listbox. */
  const optionProps = (i: number) => ({
    id: optionId(i),
    'data-index': i,
    role: 'option' as const,
    'aria-selected': i === active,
    className: styles.hit,
    // Keep the focus in the search field while a row is clicked.
    onMouseDown: (e: MouseEvent) => e.preventDefault(),
    onClick: () => openAt(i),
    onMouseMove: () => active !== i && setActive(i),
  });
  const status = state.status === 'loading' && !shown ? t('search.searching') : q.trim() === '' ? t('search.typeToSearch') : null;

  return (
    <div className={styles.panel}>
      <h2 id={headingId} className="visually-hidden">
        {t('search.title')}
      </h2>
      <div className={styles.head}>
        <div className={styles.inputRow}>
          <Search aria-hidden="true" size={20} className={styles.inputIcon} />
          <label htmlFor={ids.input} className="visually-hidden">
            {mode === 'documents' ? t('search.inputLabel') : t('search.quotesInputLabel')}
          </label>
          <input
            ref={inputRef}
            id={ids.input}
            className={styles.input}
            type="search"
            role="combobox"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            aria-expanded={count > 0}
            aria-controls={ids.list}
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 ? optionId(active) : undefined}
            aria-describedby={ids.hint}
            placeholder={mode === 'documents' ? t('search.placeholder') : t('search.quotesPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
        <div className={styles.modes} role="group" aria-label={t('search.modeLabel')}>
          <button type="button" aria-pressed={mode === 'documents'} onClick={() => setMode('documents')}>
            {t('search.modeDocuments')}
          </button>
          <button type="button" aria-pressed={mode === 'quotes'} onClick={() => setMode('quotes')}>
            {t('search.modeQuotes')}
          </button>
        </div>
      </div>

      <div className={styles.status} id={ids.hint} role="status">
        {hint ? <p className={styles.hint}>{hint}</p> : null}
        {shown && 'building' in shown && shown.building ? (
          <p className={styles.muted} data-testid="search-index-building">
            {t('search.indexBuilding', { percent: Math.floor((100 * shown.building.done) / Math.max(1, shown.building.total)) })}
          </p>
        ) : null}
        {status ? <p className={styles.muted}>{status}</p> : null}
        {shown && q.trim() !== '' ? (
          <p className={styles.muted} data-testid="search-total">
            {t('search.total', { count: shown.total })}
            {activeFilters > 0 ? ` · ${t('search.filtered', { count: activeFilters })}` : ''}
          </p>
        ) : null}
      </div>

      <div className={styles.body}>
        {facets ? (
          // Narrow windows: the facets are a drawer behind this button (reflow, issue 15).
          <button
            type="button"
            className={styles.facetsToggle}
            aria-expanded={facetsOpen}
            aria-controls={`${ids.list}-facets`}
            onClick={() => setFacetsOpen((open) => !open)}
          >
            {activeFilters > 0 ? t('search.facetsToggleActive', { count: activeFilters }) : t('search.facetsToggle')}
          </button>
        ) : null}
        {facets ? (
          <aside id={`${ids.list}-facets`} className={styles.facets} data-open={facetsOpen} aria-label={t('search.facetsLabel')}>
            {facetGroup(t('search.facets.kinds'), facets.kinds, (v) => !!filters.kinds?.includes(v as DocumentKind), (v) => toggleKind(v as DocumentKind), (v) => t(`kinds.${v}`))}
            {facetGroup(t('search.facets.years'), facets.years, (v) => filters.yearFrom === Number(v) && filters.yearTo === Number(v), (v) => toggleYear(Number(v)))}
            {facetGroup(t('search.facets.tags'), facets.tags, (v) => !!filters.tags?.includes(v), (v) => toggleValue('tags', v))}
            {facetGroup(t('search.facets.people'), facets.people, (v) => !!filters.people?.includes(v), (v) => toggleValue('people', v), undefined, { value: peopleFilter, set: setPeopleFilter })}
            {facetGroup(t('search.facets.organisations'), facets.organisations, (v) => !!filters.organisations?.includes(v), (v) => toggleValue('organisations', v))}
            {activeFilters > 0 ? (
              <button type="button" className={styles.clearFilters} onClick={() => setFilters({})}>
                {t('search.clearFilters')}
              </button>
            ) : null}
          </aside>
        ) : null}
        <div className={styles.resultsColumn}>
        <ul ref={listRef} id={ids.list} role="listbox" aria-label={t('search.resultsLabel')} className={styles.results}>
          {mode === 'documents'
            ? docHits.map((hit, i) => (
                <li
                  key={hit.id}
                  {...optionProps(i)}
                >
                  <span className={styles.hitTitle}>{hit.title}</span>
                  <span className={styles.hitMeta}>
                    {t(`kinds.${hit.kind}`)} · {hit.date ? formatIsoDate(hit.date, language) : t('library.noDate')}
                  </span>
                  <span className={styles.snippet} data-testid="search-snippet">
                    <HighlightedSnippet text={hit.snippet} highlights={hit.highlights} />
                  </span>
                </li>
              ))
            : quoteHits.map((hit, i) => (
                <li
                  key={hit.id}
                  {...optionProps(i)}
                >
                  <span className={styles.quoteText} data-testid="search-snippet">
                    „<HighlightedSnippet text={hit.snippet} highlights={hit.highlights} />“
                  </span>
                  <span className={styles.hitMeta}>
                    {[hit.person ?? t('quotes.unknownSpeaker'), hit.role, hit.organisation].filter(Boolean).join(', ')}
                  </span>
                  <span className={styles.hitMeta}>
                    {hit.documentTitle}
                    {hit.saidOn ? ` · ${formatIsoDate(hit.saidOn, language)}` : ''}
                  </span>
                </li>
              ))}
        </ul>
        {mode === 'documents' && paging.hasMore ? (
          <div className={styles.more}>
            <p className={styles.muted}>{t('searchMore.shown', { shown: docHits.length, total: firstPage?.total ?? 0 })}</p>
            <button type="button" className={styles.moreButton} onClick={() => void loadMore()} disabled={paging.loading} aria-describedby={ids.hint}>
              {paging.loading ? t('searchMore.loadingMore') : t('searchMore.loadMore')}
            </button>
          </div>
        ) : null}
        {shown && !hint && count === 0 && q.trim() !== '' && state.status !== 'loading' ? <p className={styles.empty}>{t('search.noHits')}</p> : null}
        </div>
      </div>
      <footer className={styles.footer}>{t('search.keyboardHint')}</footer>
    </div>
  );
}
