import { useEffect, useState } from 'react';
import type { LibraryDocument } from '../../../../shared/domain/document';
import type { ErrorCode } from '../../../../shared/errors';
import { useReportError } from '../../components/errors/useReportError';
import { call, onEvent, toApiError } from '../../lib/api';

export type DocumentState =
  | { status: 'loading' }
  | { status: 'ready'; doc: LibraryDocument }
  | { status: 'error'; code: ErrorCode };

/** One document from `documents.get`, reloaded when `documents.changed` names it. */
export function useDocument(id: string): DocumentState {
  const report = useReportError();
  const [state, setState] = useState<DocumentState>({ status: 'loading' });
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let cancelled = false;
    call('documents.get', { id }).then(
      (doc) => {
        if (!cancelled) setState({ status: 'ready', doc });
      },
      (err: unknown) => {
        if (cancelled) return;
        setState({ status: 'error', code: toApiError(err).code });
        report(err, 'document.errorLoading');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id, revision, report]);

  useEffect(
    () =>
      onEvent('documents.changed', (payload) => {
        if (payload.ids.includes(id)) setRevision((r) => r + 1);
      }),
    [id],
  );

  return state;
}
