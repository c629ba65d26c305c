import { Quote } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';

/** Zitate: the quote register arrives in a later issue; until then an honest empty state. */
export function QuotesPage() {
  const { t } = useTranslation();
  return (
    <PlaceholderPage
      title={t('quotes.title')}
      emptyTitle={t('quotes.emptyTitle')}
      icon={<Quote size={28} />}
      text={t('quotes.text')}
      comingLater={t('quotes.comingLater')}
    />
  );
}
