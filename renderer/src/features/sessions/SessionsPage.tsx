import { CalendarDays } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';

/** Sitzungen: committee sessions arrive in a later issue; until then an honest empty state. */
export function SessionsPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage
      title={t('sessions.title')}
      emptyTitle={t('sessions.emptyTitle')}
      icon={<CalendarDays size={28} />}
      text={t('sessions.text')}
      comingLater={t('sessions.comingLater')}
    />
  );
}
