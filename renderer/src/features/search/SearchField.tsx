import { Search } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import styles from './Search.module.css';

/** The search field of the top bar: always visible, opens the search (as Ctrl+K does). */
export function SearchField({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={styles.field} onClick={onOpen} aria-keyshortcuts="Control+K" data-testid="search-field">
      <Search aria-hidden="true" size={18} />
      <span className={styles.fieldText}>{t('search.fieldLabel')}</span>
      <kbd className={styles.kbd}>{t('search.shortcut')}</kbd>
    </button>
  );
}
