import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/ipc/areas/collab';
import { call, onEvent } from '../../lib/api';
import styles from './Editor.module.css';
import type { SaveState } from './useDraftDoc';

/**
 * "gespeichert" once main has stored every change; "nicht synchronisiert (n Änderungen)" while
 * the server lacks local changes; "verbunden" when connected and up to date.
 */
export function SyncIndicator({ id, save }: { id: string; save: SaveState }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SyncStatus | null>(null);

  useEffect(() => {
    let cancelled = false;
    call('sync.status', {}).then(
      (s) => {
        if (!cancelled) setStatus(s);
      },
      () => undefined,
    );
    const off = onEvent('sync.statusChanged', setStatus);
    return () => {
      cancelled = true;
      off();
    };
  }, []);

  const saved = save.failed ? t('editor.status.saveFailed') : save.inFlight > 0 ? t('editor.status.saving') : t('editor.status.saved');
  const pending = Math.max(save.pending, status?.pending[id] ?? 0);
  let sync: string | null = null;
  // What is announced: the state, never the count that changes with every keystroke (WCAG 4.1.3, issue 15).
  let syncState: string | null = null;
  let tone = 'neutral';
  if (status?.configured) {
    if (status.connection === 'denied') {
      sync = t('editor.status.denied');
      syncState = sync;
      tone = 'warn';
    } else if (pending > 0) {
      sync = t('editor.status.unsynced', { count: pending });
      syncState = t('editor.status.unsyncedState');
      tone = 'warn';
    } else if (status.connection === 'connected') {
      sync = t('editor.status.connected');
      syncState = sync;
      tone = 'ok';
    } else {
      sync = t('editor.status.offline');
      syncState = sync;
    }
  }
  // "speichert …" and "gespeichert" alternate while typing: only a failure is announced.
  const announced = [save.failed ? saved : null, syncState].filter(Boolean).join(' · ');
  return (
    <>
      <p role="status" className="visually-hidden" data-testid="sync-announcement">
        {announced}
      </p>
      <p className={styles.status} data-testid="sync-status">
        <span data-tone={save.failed ? 'warn' : 'ok'}>{saved}</span>
        {sync ? (
          <span data-tone={tone} title={status?.lastError ?? status?.serverUrl ?? undefined}>
            {sync}
          </span>
        ) : null}
      </p>
    </>
  );
}
