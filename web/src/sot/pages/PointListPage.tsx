/**
 * The SOT-punkter an operator is assigned to or a viewer has been granted: a plain list made for
 * a phone (operators open their point to log a test run).
 */
import { Link } from '../../components/Link.js';
import { LoadState } from '../../components/LoadState.js';
import { useApi, useDocumentTitle } from '../../hooks.js';
import { paths } from '../../router.js';
import { LifecycleBadge } from '../components/Indicators.js';
import { useSot } from '../i18n.js';
import type { Items, SotPointSummary } from '../types.js';
import { sotApi } from '../urls.js';

export function PointListPage() {
  const { s, t } = useSot();
  useDocumentTitle(t('app.documentTitle', { page: s('sot.title') }));
  const list = useApi<Items<SotPointSummary>>(sotApi.points);
  return (
    <section aria-labelledby="page-title" className="sot-page">
      <h1 id="page-title">{s('sot.title')}</h1>
      <p className="lead">{s('list.intro')}</p>
      <p className="internal-note">
        <span className="internal-badge">{s('sot.internal')}</span> {s('sot.confidential')}
      </p>
      <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <p>{s('list.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="sot-card-list">
          {list.data.items.map((p) => (
            <li key={p.id} className="sot-card">
              <h2 className="sot-card-title">
                <Link href={paths.sotPoint(p.id)}>{p.name}</Link>
              </h2>
              <p className="meta">
                <LifecycleBadge status={p.status} /> {p.municipalityName ?? p.municipalityCode}
              </p>
              <p className="meta">
                {[p.storeName, p.fuelStationName].filter(Boolean).join(' · ') || s('list.noStore')}
              </p>
              <p className="sot-card-actions">
                <Link className="button button-secondary" href={paths.sotPoint(p.id, 'provkorning')}>
                  {s('tab.provkorning')}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
