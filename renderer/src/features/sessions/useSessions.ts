import { useCallback, useEffect, useState } from 'react';
import type { CommitteeSession, SessionSummary } from '../../../../shared/domain/session';
import type { ErrorCode } from '../../../../shared/errors';
import { useReportError } from '../../components/errors/useReportError';
import { call, onEvent, toApiError } from '../../lib/api';

export type ListState = { status: 'loading' } | { status: 'ready'; sessions: SessionSummary[] } | { status: 'error' };

/** All sessions from `sessions.list`, reloaded on `sessions.changed`. */
export function useSessionList(): ListState {
  const report = useReportError();
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    let cancelled = false;
    call('sessions.list', {}).then(
      (sessions) => !cancelled && setState({ status: 'ready', sessions }),
      (err: unknown) => {
        if (cancelled) return;
        setState({ status: 'error' });
        report(err, 'sessions.errorLoading');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [revision, report]);
  useEffect(() => onEvent('sessions.changed', () => setRevision((r) => r + 1)), []);
  return state;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; session: CommitteeSession }
  | { status: 'error'; code: ErrorCode };

/**
 * One session from `sessions.get`, reloaded when `sessions.changed` names it or a document changes
 * (titles of attachments). `replace` shows a new state at once (optimistic reorder).
 */
export function useSession(id: string): { state: SessionState; replace: (session: CommitteeSession) => void; reload: () => void } {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    let cancelled = false;
    call('sessions.get', { id }).then(
      (session) => !cancelled && setState({ status: 'ready', session }),
      (err: unknown) => !cancelled && setState({ status: 'error', code: toApiError(err).code }),
    );
    return () => {
      cancelled = true;
    };
  }, [id, revision]);
  useEffect(() => {
    const offSessions = onEvent('sessions.changed', ({ ids }) => ids.includes(id) && setRevision((r) => r + 1));
    const offDocuments = onEvent('documents.changed', () => setRevision((r) => r + 1));
    return () => {
      offSessions();
      offDocuments();
    };
  }, [id]);
  const replace = useCallback((session: CommitteeSession) => setState({ status: 'ready', session }), []);
  const reload = useCallback(() => setRevision((r) => r + 1), []);
  return { state, replace, reload };
}
