import { CheckCircle2, FileDown, FolderOpen, FileText } from 'lucide-react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ExportSaveResult, ExportTarget } from '../../../../shared/ipc/areas/exportUi';
import { Button } from '../../components/Button';
import { Modal } from '../../components/Modal';
import { call, toApiError, type ApiError } from '../../lib/api';
import styles from './Export.module.css';
import { useExportProgress } from './useExportProgress';

export interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  target: ExportTarget;
  /** What is exported, shown under the heading (document or session title). */
  subject: string;
  /** Formats offered; a session dossier is PDF only. */
  formats: readonly ExportFormat[];
  /** Heading of the dialog (i18n key). */
  headingKey?: string;
  /** Watermark "ENTWURF" preselected (drafts). */
  draft: boolean;
}

type Done = Extract<ExportSaveResult, { cancelled: false }>;
type Phase = { name: 'form' } | { name: 'running' } | { name: 'done'; result: Done };

/**
 * "Exportieren…": format and page options, then main asks where to save (the renderer never picks
 * a path), progress from `export.progressed`, and at the end "Datei öffnen" / "Im Ordner zeigen".
 * Errors show inside the dialog: the app's message region is behind the modal.
 */
export function ExportDialog({ open, onClose, target, subject, formats, headingKey = 'export.heading', draft }: ExportDialogProps) {
  return (
    <ModalFrame open={open} onClose={onClose}>
      {(headingId, setBusy) => (
        <ExportForm
          headingId={headingId}
          setBusy={setBusy}
          onClose={onClose}
          target={target}
          subject={subject}
          formats={formats}
          headingKey={headingKey}
          draft={draft}
        />
      )}
    </ModalFrame>
  );
}

/** The modal; while an export runs, Escape and the backdrop do not close it. */
function ModalFrame({
  open,
  onClose,
  children,
}: {
  open: boolean;
  onClose: () => void;
  children: (headingId: string, setBusy: (busy: boolean) => void) => ReactNode;
}) {
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={open} onClose={() => !busy && onClose()} labelledBy={headingId} className={styles.dialog}>
      {open ? children(headingId, setBusy) : null}
    </Modal>
  );
}

interface ExportFormProps extends Omit<ExportDialogProps, 'open' | 'headingKey'> {
  headingId: string;
  headingKey: string;
  setBusy: (busy: boolean) => void;
}

function ExportForm({ headingId, setBusy, onClose, target, subject, formats, headingKey, draft }: ExportFormProps) {
  const { t, i18n } = useTranslation();
  const ids = { format: useId(), paper: useId(), orientation: useId(), watermark: useId(), pdfa: useId(), error: useId() };
  const [format, setFormat] = useState<ExportFormat>(formats[0] ?? 'pdf');
  const [landscape, setLandscape] = useState(false);
  const [watermark, setWatermark] = useState(draft);
  const [pdfa, setPdfa] = useState(false);
  const [phase, setPhase] = useState<Phase>({ name: 'form' });
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const progress = useExportProgress(phase.name === 'running');
  const isPdf = format === 'pdf';
  // The Synopse has its own fixed page (A4 landscape, no watermark).
  const pageOptions = target.kind !== 'synopsis';
  const nf = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'de', { maximumFractionDigits: 1 });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    setPhase({ name: 'running' });
    setBusy(true);
    try {
      const result = await call('export.save', { target, format, options: isPdf && pageOptions ? { landscape, watermark, ...(pdfa ? { pdfa } : {}) } : undefined });
      if (result.cancelled) {
        setNotice(t('export.cancelledDialog'));
        setPhase({ name: 'form' });
      } else {
        setPhase({ name: 'done', result });
      }
    } catch (err) {
      setError(toApiError(err));
      setPhase({ name: 'form' });
    } finally {
      setBusy(false);
    }
  };

  const reveal = async (path: string, action: 'open' | 'folder') => {
    setError(null);
    try {
      await call('export.reveal', { path, action });
    } catch (err) {
      setError(toApiError(err));
    }
  };

  const errorBox = error ? (
    <div className={styles.error} role="alert" id={ids.error} data-code={error.code}>
      <p className={styles.errorTitle}>{t(phase.name === 'done' ? 'export.errorReveal' : 'export.errorExport')}</p>
      <p>{t(`errors.codes.${error.code}`, { defaultValue: t('errors.codes.default') })}</p>
      <p className={styles.technical}>
        {t('errors.technical')}: {error.message}
      </p>
    </div>
  ) : null;

  if (phase.name === 'done') {
    const { result } = phase;
    const size = result.bytes >= 1024 * 1024 ? `${nf.format(result.bytes / 1024 / 1024)} MB` : `${nf.format(Math.max(1, Math.round(result.bytes / 1024)))} KB`;
    return (
      <div className={styles.body} data-testid="export-done">
        <header className={styles.header}>
          <h2 id={headingId} className={styles.doneHeading}>
            <CheckCircle2 aria-hidden="true" size={22} className={styles.doneIcon} />
            {t('export.doneHeading')}
          </h2>
          <p className={styles.subject}>{subject}</p>
        </header>
        <div className={styles.content}>
          <p role="status" className={styles.doneText}>
            {t('export.done', { name: result.fileName })}
          </p>
          <p className={styles.doneMeta}>
            {[t(`export.formats.${format}`), result.pages !== null ? t('export.pages', { count: result.pages }) : null, size].filter(Boolean).join(' · ')}
          </p>
          <p className={styles.path} title={result.path}>
            {result.path}
          </p>
          {errorBox}
        </div>
        <footer className={styles.footer}>
          <Button onClick={onClose}>{t('export.close')}</Button>
          <Button icon={<FolderOpen size={16} />} onClick={() => void reveal(result.path, 'folder')}>
            {t('export.showInFolder')}
          </Button>
          <Button autoFocus variant="primary" icon={<FileText size={16} />} onClick={() => void reveal(result.path, 'open')}>
            {t('export.openFile')}
          </Button>
        </footer>
      </div>
    );
  }

  const running = phase.name === 'running';
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
  return (
    <form className={styles.body} onSubmit={(e) => void save(e)} aria-describedby={error ? ids.error : undefined}>
      <header className={styles.header}>
        <h2 id={headingId}>{t(headingKey)}</h2>
        <p className={styles.subject}>{subject}</p>
      </header>
      <div className={styles.content}>
        <fieldset className={styles.group} disabled={running}>
          <legend>{t('export.format')}</legend>
          {formats.length === 1 ? (
            <p className={styles.single}>
              <strong>{t(`export.formats.${formats[0]}`)}</strong> – {t(`export.formatHints.${target.kind === 'session' || target.kind === 'synopsis' ? target.kind : formats[0]}`)}
            </p>
          ) : (
            <div className={styles.formats}>
              {formats.map((f) => (
                <label key={f} className={styles.formatOption} data-checked={f === format || undefined}>
                  <input type="radio" name={ids.format} value={f} checked={f === format} onChange={() => setFormat(f)} />
                  <span className={styles.formatText}>
                    <span className={styles.formatName}>{t(`export.formats.${f}`)}</span>
                    <span className={styles.formatHint}>{t(`export.formatHints.${f}`)}</span>
                  </span>
                </label>
              ))}
            </div>
          )}
        </fieldset>

        {pageOptions ? (
        <fieldset className={styles.group} disabled={running || !isPdf} aria-describedby={!isPdf ? `${ids.paper}-hint` : undefined}>
          <legend>{t('export.page')}</legend>
          {!isPdf ? (
            <p id={`${ids.paper}-hint`} className={styles.hint}>
              {t('export.pdfOnly')}
            </p>
          ) : null}
          <div className={styles.pageOptions}>
            <div className={styles.field}>
              <label htmlFor={ids.paper}>{t('export.paper')}</label>
              <select id={ids.paper} value="A4" onChange={() => {}}>
                <option value="A4">{t('export.paperA4')}</option>
              </select>
            </div>
            <div className={styles.field} role="radiogroup" aria-labelledby={ids.orientation}>
              <span id={ids.orientation} className={styles.fieldLabel}>
                {t('export.orientation')}
              </span>
              <div className={styles.segmented}>
                <label data-checked={!landscape || undefined}>
                  <input type="radio" name={ids.orientation} checked={!landscape} onChange={() => setLandscape(false)} />
                  {t('export.portrait')}
                </label>
                <label data-checked={landscape || undefined}>
                  <input type="radio" name={ids.orientation} checked={landscape} onChange={() => setLandscape(true)} />
                  {t('export.landscape')}
                </label>
              </div>
            </div>
          </div>
          <div className={styles.check}>
            <input id={ids.watermark} type="checkbox" checked={watermark} onChange={(e) => setWatermark(e.target.checked)} aria-describedby={`${ids.watermark}-hint`} />
            <label htmlFor={ids.watermark}>{t('export.watermark')}</label>
            <span id={`${ids.watermark}-hint`} className={styles.hint}>
              {t('export.watermarkHint')}
            </span>
          </div>
          <div className={styles.check}>
            <input id={ids.pdfa} type="checkbox" checked={pdfa} onChange={(e) => setPdfa(e.target.checked)} aria-describedby={`${ids.pdfa}-hint`} />
            <label htmlFor={ids.pdfa}>{t('export.pdfa')}</label>
            <span id={`${ids.pdfa}-hint`} className={styles.hint}>
              {t('export.pdfaHint')}
            </span>
          </div>
        </fieldset>
        ) : null}

        <div className={styles.status} role="status" aria-live="polite">
          {running ? (
            <div className={styles.progress} data-testid="export-progress">
              <p className={styles.progressLabel}>
                {progress ? t('export.stage', { stage: t(`export.stages.${progress.stage}`, { defaultValue: progress.stage }), done: progress.done, total: progress.total }) : t('export.preparing')}
              </p>
              <progress
                className={styles.progressBar}
                aria-label={t('export.running')}
                max={100}
                value={percent ?? undefined}
              />
            </div>
          ) : notice ? (
            <p className={styles.notice}>{notice}</p>
          ) : null}
        </div>
        {errorBox}
      </div>
      <footer className={styles.footer}>
        <Button onClick={onClose} disabled={running}>
          {t('export.cancel')}
        </Button>
        <Button type="submit" variant="primary" icon={<FileDown size={16} />} disabled={running}>
          {running ? t('export.running') : t('export.save')}
        </Button>
      </footer>
    </form>
  );
}
