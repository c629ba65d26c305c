import { CalendarDays, Compass, Library, Newspaper, Quote, Settings, Tags, Trash2, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { sectionLabelKey, type Section } from './sections';
import styles from './Sidebar.module.css';

const MAIN: { section: Section; icon: LucideIcon }[] = [
  { section: 'library', icon: Library },
  { section: 'leitbilder', icon: Compass },
  { section: 'press', icon: Newspaper },
  { section: 'quotes', icon: Quote },
  { section: 'sessions', icon: CalendarDays },
  { section: 'tags', icon: Tags },
  { section: 'trash', icon: Trash2 },
];

export interface SidebarProps {
  current: Section;
  onSelect: (section: Section) => void;
}

/** The main navigation: clear labels beside the icons, the current place marked for everyone. */
export function Sidebar({ current, onSelect }: SidebarProps) {
  const { t } = useTranslation();
  const item = (section: Section, Icon: LucideIcon) => (
    <li key={section}>
      <button
        type="button"
        className={styles.link}
        aria-current={current === section ? 'page' : undefined}
        onClick={() => onSelect(section)}
      >
        <Icon aria-hidden="true" size={18} strokeWidth={1.75} />
        <span>{t(sectionLabelKey(section))}</span>
      </button>
    </li>
  );
  return (
    <aside className={styles.sidebar}>
      <div className={styles.brand}>
        <span className={styles.name}>{t('app.name')}</span>
        <span className={styles.tagline}>{t('app.tagline')}</span>
      </div>
      <nav className={styles.nav} aria-label={t('nav.label')}>
        <ul className={styles.list}>{MAIN.map(({ section, icon }) => item(section, icon))}</ul>
        <ul className={`${styles.list} ${styles.bottom}`}>{item('settings', Settings)}</ul>
      </nav>
    </aside>
  );
}
