import { type Lang, useI18n } from '../i18n.js';

/** One button that switches to the other language; its text is in that language. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const other: Lang = lang === 'sv' ? 'en' : 'sv';
  return (
    <button
      type="button"
      className="button button-quiet lang-switch"
      lang={other}
      aria-label={t('lang.switchTo')}
      onClick={() => setLang(other)}
    >
      {t('lang.other')}
    </button>
  );
}
