import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../lib/api';
import { applyLanguage, isLanguage, DEFAULT_LANGUAGE, type Language } from './i18n';

/** Reads the saved language (setting 'language'), falling back to German. */
export async function loadSavedLanguage(): Promise<Language> {
  const saved = await call('settings.get', { key: 'language' });
  return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
}

/** The current UI language and a setter that saves it in the library first, then switches. */
export function useLanguage(): { language: Language; setLanguage: (language: Language) => Promise<void> } {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  const setLanguage = useCallback(async (next: Language) => {
    await call('settings.set', { key: 'language', value: next });
    await applyLanguage(next);
  }, []);
  return { language, setLanguage };
}
