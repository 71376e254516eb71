import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import { dictionaries, format, preferredLanguage, type Language, type MessageKey } from './messages';
import { LOCALES } from './locales';

const STORAGE_KEY = 'socialweave.language';

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** A date-time in the user's locale, in the given IANA zone (the browser's by default). */
  formatTime: (iso?: string | null, timeZone?: string) => string;
  /** A calendar day (yyyy-mm-dd) in the user's locale, with its weekday: for labels read aloud. */
  formatDay: (day: string) => string;
  /** Picks the zh or en one of a pair the API gives (nameZh/nameEn, labelZh/labelEn). */
  pick: (zhText: string, enText: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return preferredLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    dayjs.locale(LOCALES[language].dayjs);
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[language];
    const locale = LOCALES[language].tag;
    const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
    return {
      language,
      setLanguage,
      t: (key, values) => format(dictionary[key] ?? key, values),
      formatTime: (iso, timeZone) =>
        iso
          ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso))
          : '—',
      // Noon, so that no zone moves the day; one formatter (making one costs more than formatting: a month labels 31 days).
      formatDay: (day) => dayFormat.format(new Date(`${day}T12:00:00Z`)),
      pick: (zhText, enText) => (language === 'zh' ? zhText || enText : enText || zhText),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
