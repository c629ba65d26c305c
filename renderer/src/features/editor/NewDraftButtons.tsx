import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';
import { requestEditOnOpen } from './editIntent';

/** "Neuer Entwurf" and "Neues Leitbild (Vorlage)": create the draft in main, open it to edit. */
export function NewDraftButtons({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const create = async (template: 'empty' | 'leitbild') => {
    setBusy(true);
    try {
      const { id } = await call('collab.createDraft', {
        title: template === 'leitbild' ? t('editor.newLeitbildTitle') : t('editor.newDraftTitle'),
        kind: 'leitbild',
        template,
      });
      requestEditOnOpen(id);
      onOpen(id);
    } catch (err) {
      report(err, 'editor.errorCreate');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', gap: 'var(--space-2)', flexWrap: 'wrap' }}>
      <Button variant="primary" disabled={busy} onClick={() => void create('empty')}>
        {t('editor.newDraft')}
      </Button>
      <Button disabled={busy} onClick={() => void create('leitbild')}>
        {t('editor.newLeitbild')}
      </Button>
    </div>
  );
}
