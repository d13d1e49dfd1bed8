/**
 * The readiness board: every SOT-punkt the user may see on a map and in a table with lifecycle
 * status, the five minimum-level criteria, generator autonomy, test runs, agreements due for
 * renewal and open financing; filters in the address bar; CSV/XLSX export marked internal.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  AGREEMENT_LABELS,
  CRITERIA,
  CRITERION_LABELS,
  PROGRAMME_LABELS,
  SOT_STATUSES,
  STATUS_LABELS,
} from '../../../../src/sot/schemas.js';
import { queryString } from '../../api.js';
import { Link } from '../../components/Link.js';
import { LoadState } from '../../components/LoadState.js';
import { Notice } from '../../components/Notice.js';
import { takeFlash } from '../../flash.js';
import { useApi, useDebounced, useDocumentTitle } from '../../hooks.js';
import { formatNumber } from '../../i18n.js';
import { EMPTY_COLLECTION, type GeoJsonCollection } from '../../map/style.js';
import { navigate, paths, useLocation } from '../../router.js';
import { unionBBox, useSession } from '../../session.js';
import { canEditSot } from '../access.js';
import { CriteriaIndicators, LifecycleBadge, StatusMark } from '../components/Indicators.js';
import { READINESS_COLORS, SotMap, type SotMapPoint } from '../components/SotMap.js';
import { fmt1, formatDate } from '../format.js';
import { useSot } from '../i18n.js';
import type { Board, BoardItem } from '../types.js';
import { type BoardFilter, boardQuery, readBoardFilter, sotApi } from '../urls.js';

export function BoardPage() {
  const { s, t, l } = useSot();
  const { user, config, territories } = useSession();
  const location = useLocation();
  const filter = readBoardFilter(location.search);
  useDocumentTitle(t('app.documentTitle', { page: s('sot.title') }));
  const [flash] = useState(takeFlash);
  const board = useApi<Board>(sotApi.board(filter));
  const boundaries = useApi<GeoJsonCollection>('/api/territories/boundaries');
  const bbox = useMemo(() => unionBBox(territories.municipalities.map((m) => m.bbox)), [territories]);

  const setFilter = (patch: Partial<BoardFilter>) =>
    navigate(`${paths.sot}${queryString(boardQuery({ ...filter, ...patch }))}`, { replace: true });

  const items = board.data?.items ?? [];
  const mapPoints = useMemo<SotMapPoint[]>(
    () =>
      (board.data?.items ?? []).map((i) => ({
        id: i.id,
        name: i.name,
        lat: i.lat,
        lon: i.lon,
        readiness: i.checklist.status,
        detail: `${l(STATUS_LABELS[i.status])} · ${i.municipalityName ?? i.municipalityCode}`,
      })),
    [board.data, l],
  );

  return (
    <section aria-labelledby="page-title" className="sot-page sot-board">
      <div className="page-head">
        <h1 id="page-title">{s('sot.title')}</h1>
        {canEditSot(user) && (
          <Link className="button button-primary" href={paths.newSotPoint}>
            {s('sot.new')}
          </Link>
        )}
      </div>
      <p className="lead">{s('board.intro')}</p>
      <p className="internal-note">
        <span className="internal-badge">{s('sot.internal')}</span> {s('sot.confidential')}
      </p>
      {flash && <Notice kind="success">{flash}</Notice>}
      <Filters filter={filter} setFilter={setFilter} />
      {board.data && <Summary board={board.data} />}
      <div className="result-bar">
        <p className="result-count" role="status">
          {board.data
            ? items.length === 1
              ? s('board.countOne')
              : s('board.count', { n: formatNumber(items.length) })
            : ''}
        </p>
        <div className="exports">
          <span className="internal-badge" title={s('board.exportInternal')}>
            {s('sot.internal')}
          </span>
          <span className="exports-label">{s('board.export')}</span>
          <a className="button button-small" href={sotApi.boardExport(filter, 'csv')} download>
            {s('board.exportCsv')}
          </a>
          <a className="button button-small" href={sotApi.boardExport(filter, 'xlsx')} download>
            {s('board.exportXlsx')}
          </a>
        </div>
      </div>
      <LoadState loading={board.loading && !board.data} error={board.error} onRetry={board.reload} />
      <div className="board-layout">
        <div className="board-map">
          <SotMap
            label={s('board.mapLabel')}
            points={mapPoints}
            boundaries={boundaries.data ?? EMPTY_COLLECTION}
            bbox={bbox}
            tileUrl={config.tileUrl}
            tileAttribution={config.tileAttribution}
            onOpen={(id) => navigate(paths.sotPoint(id))}
          />
          <ul className="board-legend" aria-label={s('board.legend')}>
            {(['met', 'not_met', 'unknown'] as const).map((status) => (
              <li key={status}>
                <span
                  className="legend-swatch"
                  style={{ background: READINESS_COLORS[status] }}
                  aria-hidden="true"
                />
                {s(`board.legend.${status}`)}
              </li>
            ))}
          </ul>
        </div>
        <div className="table-wrap board-table" aria-busy={board.loading}>
          {board.data && items.length === 0 ? (
            <p className="empty">{s('board.empty')}</p>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">{s('board.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{s('board.col.point')}</th>
                  <th scope="col">{s('board.col.status')}</th>
                  <th scope="col">{s('board.col.criteria')}</th>
                  <th scope="col">{s('board.col.power')}</th>
                  <th scope="col">{s('board.col.testRuns')}</th>
                  <th scope="col">{s('board.col.agreements')}</th>
                  <th scope="col">{s('board.col.financing')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <BoardRow key={item.id} item={item} />
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}

function Filters({
  filter,
  setFilter,
}: {
  filter: BoardFilter;
  setFilter(patch: Partial<BoardFilter>): void;
}) {
  const { s, l, t } = useSot();
  const { territories } = useSession();
  const [text, setText] = useState(filter.q);
  const debounced = useDebounced(text, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced text may navigate
  useEffect(() => {
    if (debounced.trim() !== filter.q.trim()) setFilter({ q: debounced });
  }, [debounced]);
  const active =
    filter.q ||
    filter.municipality ||
    filter.status ||
    filter.failing ||
    filter.overdue ||
    filter.expiring ||
    filter.openFinancing;
  return (
    <search aria-label={s('board.filters')}>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ q: text });
        }}
      >
        <div className="field">
          <label htmlFor="board-q">{t('table.search')}</label>
          <input id="board-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        {territories.municipalities.length > 1 && (
          <div className="field">
            <label htmlFor="board-municipality">{t('table.municipality')}</label>
            <select
              id="board-municipality"
              value={filter.municipality}
              onChange={(e) => setFilter({ municipality: e.target.value })}
            >
              <option value="">{t('table.allMunicipalities')}</option>
              {territories.municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="board-status">{s('board.col.status')}</label>
          <select
            id="board-status"
            value={filter.status}
            onChange={(e) => setFilter({ status: e.target.value as BoardFilter['status'] })}
          >
            <option value="">{s('board.allStatuses')}</option>
            {SOT_STATUSES.map((st) => (
              <option key={st} value={st}>
                {l(STATUS_LABELS[st])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="board-failing">{s('board.failing')}</label>
          <select
            id="board-failing"
            value={filter.failing}
            onChange={(e) => setFilter({ failing: e.target.value as BoardFilter['failing'] })}
          >
            <option value="">{s('board.anyCriterion')}</option>
            {CRITERIA.map((c, i) => (
              <option key={c} value={c}>
                {`${i + 1}. ${l(CRITERION_LABELS[c])}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="board-overdue">{s('board.col.testRuns')}</label>
          <select
            id="board-overdue"
            value={filter.overdue}
            onChange={(e) => setFilter({ overdue: e.target.value as BoardFilter['overdue'] })}
          >
            <option value="">{t('common.all')}</option>
            <option value="true">{s('board.overdueOnly')}</option>
            <option value="false">{s('board.notOverdue')}</option>
          </select>
        </div>
        <fieldset className="field board-flags">
          <legend className="visually-hidden">{s('board.more')}</legend>
          <label className="choice">
            <input
              type="checkbox"
              checked={filter.expiring}
              onChange={(e) => setFilter({ expiring: e.target.checked })}
            />
            {s('board.expiringOnly')}
          </label>
          <label className="choice">
            <input
              type="checkbox"
              checked={filter.openFinancing}
              onChange={(e) => setFilter({ openFinancing: e.target.checked })}
            />
            {s('board.openFinancingOnly')}
          </label>
        </fieldset>
        {active && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setText('');
              navigate(paths.sot, { replace: true });
            }}
          >
            {t('table.clear')}
          </button>
        )}
      </form>
    </search>
  );
}

function Summary({ board }: { board: Board }) {
  const { s } = useSot();
  const sum = board.summary;
  const rows: [string, number, string][] = [
    ['total', sum.total, s('board.sum.total')],
    ['compliant', sum.compliant, s('board.sum.compliant')],
    ['overdue', sum.overdueTestRuns, s('board.sum.overdue')],
    ['expiring', sum.expiringAgreements, s('board.sum.expiring')],
    ['financing', sum.openFinancing, s('board.sum.financing')],
  ];
  return (
    <dl className="counts board-summary">
      {rows.map(([key, n, label]) => (
        <div key={key} className={`count count-${key}`}>
          <dt>{label}</dt>
          <dd>{formatNumber(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function BoardRow({ item }: { item: BoardItem }) {
  const { s, l } = useSot();
  const p = item.power;
  const tr = item.testRuns;
  return (
    <tr data-point-id={item.id}>
      <th scope="row">
        <Link href={paths.sotPoint(item.id)}>{item.name}</Link>
        <div className="cell-meta">{item.municipalityName ?? item.municipalityCode}</div>
        {item.storeName && <div className="cell-meta">{item.storeName}</div>}
      </th>
      <td>
        <LifecycleBadge status={item.status} />
      </td>
      <td>
        <CriteriaIndicators criteria={item.checklist.criteria} />
        <div className="cell-meta">
          {item.checklist.compliant
            ? s('crit.compliant')
            : s('crit.notCompliant', {
                failing: item.checklist.failing.length,
                unknown: item.checklist.unknown.length,
              })}
        </div>
      </td>
      <td>
        {p.autonomyHours !== null && !p.installed ? (
          // Computed for a planned genset: no mark, since a tick would read as "has power now".
          <span className="cell-meta" data-autonomy="planned">
            {s('board.autonomyPlanned', { hours: fmt1(p.autonomyHours), target: fmt1(p.targetHours) })}
          </span>
        ) : p.autonomyHours !== null ? (
          <>
            <StatusMark status={p.autonomyMet ? 'met' : 'not_met'} compact />{' '}
            {s('board.autonomy', { hours: fmt1(p.autonomyHours), target: fmt1(p.targetHours) })}
          </>
        ) : (
          <span className="cell-meta">{s('board.autonomyUnknown', { target: fmt1(p.targetHours) })}</span>
        )}
        <div className="cell-meta">
          {p.installed
            ? s('board.gensetInstalled', { kva: p.kva === null ? '?' : fmt1(p.kva) })
            : s('board.gensetMissing')}
          {p.requiredKva !== null && ` · ${s('board.needsKva', { kva: fmt1(p.requiredKva) })}`}
        </div>
      </td>
      <td>
        {tr.overdue ? (
          <span className="flag flag-bad">
            <span aria-hidden="true">⚠ </span>
            {s('board.overdue')}
          </span>
        ) : tr.monthly.status === 'not_applicable' ? (
          <span className="cell-meta">{s('board.noSchedule')}</span>
        ) : (
          <span>{s('board.nextDue', { date: formatDate(tr.nextDue) })}</span>
        )}
        {tr.overdue && tr.nextDue && (
          <div className="cell-meta">{s('board.dueSince', { date: formatDate(tr.nextDue) })}</div>
        )}
        <div className="cell-meta">{s('board.lastRun', { date: formatDate(tr.lastRunDate) })}</div>
      </td>
      <td>
        {item.agreements.expiring.length === 0 ? (
          <span className="cell-meta">{s('board.agreementsInForce', { n: item.agreements.inForce })}</span>
        ) : (
          <ul className="cell-list">
            {item.agreements.expiring.map((a) => (
              <li key={a.id} className="flag flag-warn">
                {l(AGREEMENT_LABELS[a.type])}:{' '}
                {a.expired
                  ? s('board.agreementExpired', { date: formatDate(a.endDate) })
                  : s('board.agreementNotice', { date: formatDate(a.noticeDeadline) })}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {item.financing.open.length === 0 ? (
          <span className="cell-meta">–</span>
        ) : (
          <ul className="cell-list">
            {item.financing.open.map((f) => (
              <li key={f.id}>
                {l(PROGRAMME_LABELS[f.programme])}
                {f.flags.length > 0 && (
                  <span className="flag flag-warn">
                    {' '}
                    <span aria-hidden="true">⚠</span>
                    <span className="visually-hidden">{s('board.financingFlagged')}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
