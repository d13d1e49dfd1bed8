import { Link } from '../components/Link.js';
import { useDocumentTitle } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { paths } from '../router.js';

/** Any address the app does not know. */
export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('app.documentTitle', { page: t('notFound.title') }));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <Link href={paths.map}>{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
