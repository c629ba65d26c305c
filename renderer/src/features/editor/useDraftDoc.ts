import { useEffect, useState } from 'react';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentKind } from '../../../../shared/domain/document';
import { fromBase64, toBase64 } from '../../../../shared/editor/base64';
import type { ErrorCode } from '../../../../shared/errors';
import { call, onEvent, toApiError } from '../../lib/api';

/** Marks updates that came from main, so they are not sent back. */
const FROM_MAIN = 'main';

export interface DraftSession {
  id: string;
  kind: DocumentKind;
  title: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  clientId: string;
}

export type DraftDocState =
  | { status: 'loading' }
  | { status: 'ready'; session: DraftSession }
  | { status: 'error'; code: ErrorCode; message: string };

export interface SaveState {
  /** Updates sent to main and not yet confirmed as stored. */
  inFlight: number;
  /** Main's count of local changes the server has not confirmed. */
  pending: number;
  failed: boolean;
}

/**
 * The renderer's replica of a draft (ARCHITECTURE §6): its own Y.Doc and awareness, kept in step
 * with main over IPC — local updates go to `collab.update` (main stores each one at once), main's
 * `collab.updated` events come back in. Main is the owner; this doc is a view that can be thrown
 * away at any time without losing anything.
 */
export function useDraftDoc(id: string): { state: DraftDocState; save: SaveState } {
  const [state, setState] = useState<DraftDocState>({ status: 'loading' });
  const [save, setSave] = useState<SaveState>({ inFlight: 0, pending: 0, failed: false });

  useEffect(() => {
    const clientId = `editor-${Math.random().toString(36).slice(2, 10)}`;
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    let cancelled = false;
    let chain = Promise.resolve();
    let inFlight = 0;

    // Subscribe before opening: Yjs applies updates in any order, so nothing can slip between.
    const offUpdates = onEvent('collab.updated', (p) => {
      if (p.id === id && p.clientId !== clientId) Y.applyUpdate(doc, fromBase64(p.update), FROM_MAIN);
    });
    const offAwareness = onEvent('collab.awarenessChanged', (p) => {
      if (p.id === id && p.clientId !== clientId) awarenessProtocol.applyAwarenessUpdate(awareness, fromBase64(p.update), FROM_MAIN);
    });

    const send = (channel: 'collab.update' | 'collab.awareness', update: Uint8Array) => {
      const payload = { id, clientId, update: toBase64(update) };
      if (channel === 'collab.update') {
        inFlight++;
        setSave((s) => ({ ...s, inFlight }));
      }
      // One after the other, so main stores them in typing order.
      chain = chain.then(async () => {
        try {
          if (channel === 'collab.update') {
            const { pending } = await call('collab.update', payload);
            setSave({ inFlight: --inFlight, pending, failed: false });
          } else {
            await call('collab.awareness', payload);
          }
        } catch {
          if (channel === 'collab.update') setSave((s) => ({ ...s, inFlight: --inFlight, failed: true }));
        }
      });
    };
    const onDocUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_MAIN) send('collab.update', update);
    };
    const onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === FROM_MAIN) return;
      if (![...added, ...updated, ...removed].includes(doc.clientID)) return;
      send('collab.awareness', awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    };

    call('collab.open', { id, clientId }).then(
      (opened) => {
        if (cancelled) return;
        Y.applyUpdate(doc, fromBase64(opened.state), FROM_MAIN);
        doc.on('update', onDocUpdate);
        awareness.on('update', onAwarenessUpdate);
        setState({ status: 'ready', session: { id, kind: opened.kind, title: opened.title, doc, awareness, clientId } });
      },
      (err: unknown) => {
        if (cancelled) return;
        const e = toApiError(err);
        setState({ status: 'error', code: e.code, message: e.message });
      },
    );

    return () => {
      cancelled = true;
      offUpdates();
      offAwareness();
      doc.off('update', onDocUpdate);
      awareness.off('update', onAwarenessUpdate);
      const awarenessClientId = doc.clientID;
      void chain.then(() => call('collab.close', { id, clientId, awarenessClientId }).catch(() => undefined));
      awareness.destroy();
      doc.destroy();
    };
  }, [id]);

  useEffect(
    () =>
      onEvent('sync.statusChanged', (status) => {
        setSave((s) => ({ ...s, pending: status.pending[id] ?? 0 }));
      }),
    [id],
  );

  return { state, save };
}
