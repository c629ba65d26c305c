import { Quote } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationView, PersonView, QuoteView } from '../../../../shared/domain/import';
import { EmptyState } from '../../components/EmptyState';
import { useReportError } from '../../components/errors/useReportError';
import { LoadingState } from '../../components/LoadingState';
import { call, onEvent } from '../../lib/api';
import { ImportButtons } from '../import/ImportButtons';
import { QuoteTimeline } from './QuoteTimeline';
import styles from './QuotesPage.module.css';

type Grouping = 'people' | 'organisations';

interface Group {
  id: string;
  name: string;
  detail: string | null;
  quoteCount: number;
  documentCount: number;
}

const FILTER_DEBOUNCE_MS = 150;

function fromPerson(p: PersonView): Group {
  const roles = p.roles.map((r) => (r.organisation ? `${r.title}, ${r.organisation}` : r.title));
  return { id: p.id, name: p.name, detail: roles[0] ?? null, quoteCount: p.quoteCount, documentCount: p.documentCount };
}

function fromOrganisation(o: OrganisationView): Group {
  return { id: o.id, name: o.name, detail: null, quoteCount: o.quoteCount, documentCount: o.documentCount };
}

/**
 * Zitate (issue 3 §4): statements grouped by person or by organisation, filtered by name; the
 * chosen one's statements as a timeline, each with its document (click opens it).
 */
export function QuotesPage({ onOpen }: { onOpen: (documentId: string) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const ids = { heading: useId(), filter: useId(), list: useId() };
  const [grouping, setGrouping] = useState<Grouping>('people');
  const [filter, setFilter] = useState('');
  const [query, setQuery] = useState('');
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<{ key: string; quotes: QuoteView[] } | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(filter.trim()), FILTER_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [filter]);

  useEffect(() => onEvent('documents.changed', () => setRevision((r) => r + 1)), []);

  useEffect(() => {
    let cancelled = false;
    const input = query ? { query } : {};
    const request =
      grouping === 'people'
        ? call('people.list', input).then((list) => list.map(fromPerson))
        : call('organisations.list', input).then((list) => list.map(fromOrganisation));
    request.then(
      (list) => {
        if (cancelled) return;
        const withQuotes = list.filter((g) => g.quoteCount > 0);
        setGroups(withQuotes);
        setSelected((current) => (current && withQuotes.some((g) => g.id === current) ? current : (withQuotes[0]?.id ?? null)));
      },
      (err: unknown) => {
        if (!cancelled) report(err, 'quotes.errorLoading');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [grouping, query, revision, report]);

  useEffect(() => {
    if (!selected) return;
    let cancelled = false;
    call('quotes.list', grouping === 'people' ? { personId: selected, limit: 2000 } : { organisationId: selected, limit: 2000 }).then(
      (list) => {
        if (!cancelled) setTimeline({ key: `${grouping}:${selected}`, quotes: list });
      },
      (err: unknown) => {
        if (!cancelled) report(err, 'quotes.errorLoading');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [selected, grouping, revision, report]);

  const current = groups?.find((g) => g.id === selected) ?? null;
  const quotes = timeline && timeline.key === `${grouping}:${selected}` ? timeline.quotes : null;
  const nothingYet = groups !== null && groups.length === 0 && query === '';

  return (
    <section className={styles.page} aria-labelledby={ids.heading}>
      <header className={styles.header}>
        <h1 id={ids.heading} className={styles.heading} tabIndex={-1}>
          {t('quotes.title')}
        </h1>
        <p className={styles.intro}>{t('quotes.intro')}</p>
      </header>
      {groups === null ? <LoadingState label={t('quotes.loading')} /> : null}
      {nothingYet ? (
        <EmptyState icon={<Quote size={28} />} title={t('quotes.emptyTitle')}>
          <p>{t('quotes.text')}</p>
          <div className={styles.emptyActions}>
            <ImportButtons kind="press_release" />
          </div>
        </EmptyState>
      ) : null}
      {groups !== null && !nothingYet ? (
        <div className={styles.layout}>
          <div className={styles.side}>
            <fieldset className={styles.grouping}>
              <legend>{t('quotes.groupBy')}</legend>
              {(['people', 'organisations'] as const).map((g) => (
                <label key={g}>
                  <input
                    type="radio"
                    name="quotes-grouping"
                    value={g}
                    checked={grouping === g}
                    onChange={() => {
                      setGrouping(g);
                      setSelected(null);
                      setGroups(null);
                    }}
                  />
                  {t(`quotes.by.${g}`)}
                </label>
              ))}
            </fieldset>
            <div className={styles.filter}>
              <label htmlFor={ids.filter}>{t('quotes.filterLabel')}</label>
              <input id={ids.filter} type="search" value={filter} placeholder={t('quotes.filterPlaceholder')} onChange={(e) => setFilter(e.target.value)} />
            </div>
            <ul id={ids.list} className={styles.groups} aria-label={t(`quotes.listLabel.${grouping}`)}>
              {groups.map((g) => (
                <li key={g.id}>
                  <button type="button" className={styles.group} aria-current={g.id === selected ? 'true' : undefined} onClick={() => setSelected(g.id)}>
                    <span className={styles.groupName}>{g.name}</span>
                    {g.detail ? <span className={styles.groupDetail}>{g.detail}</span> : null}
                    <span className={styles.groupCount}>
                      {t('quotes.count', { count: g.quoteCount })} · {t('quotes.documents', { count: g.documentCount })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {groups.length === 0 ? <p className={styles.none}>{t('quotes.noMatch')}</p> : null}
          </div>
          <div className={styles.main}>
            {current && quotes ? <QuoteTimeline
                name={current.name}
                detail={current.detail}
                quotes={quotes}
                showSpeaker={grouping === 'organisations'}
                onOpen={onOpen}
                // A corrected speaker may move the statement to another person: read both lists again.
                onCorrected={() => setRevision((r) => r + 1)}
              /> : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
