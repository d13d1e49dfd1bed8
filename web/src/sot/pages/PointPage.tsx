/**
 * One SOT-punkt: a header with its status and minimum-level verdict, a section menu, and the
 * section named in the address (`/sot-punkter/12/reservkraft`).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../api.js';
import { Link } from '../../components/Link.js';
import { LoadState } from '../../components/LoadState.js';
import { Notice } from '../../components/Notice.js';
import { takeFlash } from '../../flash.js';
import { useApi, useDocumentTitle } from '../../hooks.js';
import { paths } from '../../router.js';
import { ComplianceBadge, LifecycleBadge } from '../components/Indicators.js';
import { useSot } from '../i18n.js';
import { PointContext, type PointPageContext } from '../point-context.js';
import { AgreementsTab } from '../tabs/AgreementsTab.js';
import { ChecklistTab } from '../tabs/ChecklistTab.js';
import { DocumentsTab } from '../tabs/DocumentsTab.js';
import { FinancingTab } from '../tabs/FinancingTab.js';
import { LifecycleTab } from '../tabs/LifecycleTab.js';
import { OrganisationTab } from '../tabs/OrganisationTab.js';
import { OverviewTab } from '../tabs/OverviewTab.js';
import { PowerTab } from '../tabs/PowerTab.js';
import { TestRunsTab } from '../tabs/TestRunsTab.js';
import type { Checklist, SotPoint } from '../types.js';
import { POINT_TABS, type PointTab, readTab, sotApi } from '../urls.js';

export function PointPage({ id, tab: slug }: { id: number; tab: string | null }) {
  const { s, t } = useSot();
  const tab = readTab(slug);
  const loaded = useApi<SotPoint>(sotApi.point(id));
  const checklist = useApi<Checklist>(sotApi.part(id, 'checklist'));
  const [point, setPointState] = useState<SotPoint | undefined>(undefined);
  // Bumped when the forms must be rebuilt from the server's data (conflict, transition).
  const [generation, setGeneration] = useState(0);
  const [flash] = useState(takeFlash);
  // Set by reload(): rebuild the forms once the fresh point has arrived, not before.
  const resetOnLoad = useRef(false);

  useEffect(() => {
    if (!loaded.data) return;
    setPointState(loaded.data);
    if (resetOnLoad.current) {
      resetOnLoad.current = false;
      setGeneration((g) => g + 1);
    }
  }, [loaded.data]);

  const { reload: reloadPoint } = loaded;
  const { reload: reloadChecklist } = checklist;
  const context = useMemo<PointPageContext | null>(
    () =>
      point
        ? {
            point,
            checklist: checklist.data,
            setPoint: (p) => {
              setPointState(p);
              reloadChecklist();
            },
            refreshChecklist: reloadChecklist,
            reload: () => {
              resetOnLoad.current = true;
              reloadPoint();
              reloadChecklist();
            },
          }
        : null,
    [point, checklist.data, reloadPoint, reloadChecklist],
  );
  useDocumentTitle(
    t('app.documentTitle', { page: point ? `${point.name} – ${s(`tab.${tab}`)}` : s('sot.title') }),
  );

  const error = loaded.error as ApiError | null;
  if (error?.status === 404 || error?.status === 403)
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{s('point.notFound')}</h1>
        <p>
          <Link href={paths.sot}>{s('point.back')}</Link>
        </p>
      </section>
    );
  if (!context) return <LoadState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />;
  const p = context.point;
  const c = checklist.data;

  return (
    <PointContext.Provider value={context}>
      <section aria-labelledby="page-title" className="sot-page sot-point">
        <p className="breadcrumb">
          <Link href={paths.sot}>{s('point.back')}</Link>
        </p>
        <h1 id="page-title">{p.name}</h1>
        <p className="meta point-meta">
          <LifecycleBadge status={p.status} />
          <span>{p.municipalityName ?? p.municipalityCode}</span>
          {c && (
            <ComplianceBadge compliant={c.compliant} failing={c.failing.length} unknown={c.unknown.length} />
          )}
        </p>
        <p className="internal-note">
          <span className="internal-badge">{s('sot.internal')}</span> {s('sot.confidential')}
        </p>
        {!p.access.write && (
          <Notice kind="info">{p.access.log ? s('point.operatorNote') : s('point.readOnly')}</Notice>
        )}
        {flash && <Notice kind="success">{flash}</Notice>}
        <nav aria-label={s('point.sections')} className="tabs sot-tabs">
          <ul>
            {POINT_TABS.map((slugName) => (
              <li key={slugName}>
                <Link
                  href={paths.sotPoint(p.id, slugName === 'oversikt' ? undefined : slugName)}
                  aria-current={tab === slugName ? 'page' : undefined}
                >
                  {s(`tab.${slugName}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tab-panel" key={`${tab}-${generation}`}>
          <h2 className="tab-title">{s(`tab.${tab}`)}</h2>
          <TabContent tab={tab} />
        </div>
      </section>
    </PointContext.Provider>
  );
}

function TabContent({ tab }: { tab: PointTab }) {
  switch (tab) {
    case 'oversikt':
      return <OverviewTab />;
    case 'lagstaniva':
      return <ChecklistTab />;
    case 'reservkraft':
      return <PowerTab />;
    case 'livscykel':
      return <LifecycleTab />;
    case 'finansiering':
      return <FinancingTab />;
    case 'avtal':
      return <AgreementsTab />;
    case 'dokument':
      return <DocumentsTab />;
    case 'organisation':
      return <OrganisationTab />;
    case 'provkorning':
      return <TestRunsTab />;
  }
}
