import { useTranslation } from 'react-i18next';

/**
 * A technical detail from main (an error's message, in German: the services' log language).
 * In German it is shown as it is; in another UI language it stays folded behind "Technical
 * detail" and is marked `lang="de"` (issue 15: the English UI shows no German; WCAG 3.1.2).
 */
export function TechnicalDetail({ text, className, withLabel = false }: { text: string; className?: string; withLabel?: boolean }) {
  const { t, i18n } = useTranslation();
  if ((i18n.resolvedLanguage ?? 'de') === 'de') {
    return <span className={className}>{withLabel ? `${t('errors.technical')}: ${text}` : text}</span>;
  }
  return (
    <details className={className}>
      <summary>{t('errors.technical')}</summary>
      <span lang="de">{text}</span>
    </details>
  );
}
