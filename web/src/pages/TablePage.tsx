/**
 * The table view: service points (or places) with search, filters, sortable columns, paging and
 * exports of the current selection. The whole state is in the address bar.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { SERVICE_POINT_KINDS } from '../../../src/shared/kinds.js';
import { placeTypeLabel } from '../../../src/shared/place-types.js';
import { KindBadge } from '../components/KindBadge.js';
import { Link } from '../components/Link.js';
import { LoadState } from '../components/LoadState.js';
import { Notice } from '../components/Notice.js';
import { takeFlash } from '../flash.js';
import { useApi, useDebounced, useDocumentTitle } from '../hooks.js';
import { formatDateTime, formatNumber, type MessageKey, useI18n } from '../i18n.js';
import {
  exportUrl,
  listUrl,
  pageCount,
  readTableParams,
  type TableParams,
  type TableTab,
  tableSearch,
} from '../lib/table-query.js';
import { navigate, paths, useLocation } from '../router.js';
import { canEdit, useSession } from '../session.js';
import type { Page, Place, ServicePoint } from '../types.js';

/** The page at `/tabell` (service points) and `/tabell/orter` (places). */
export function TablePage({ tab }: { tab: TableTab }) {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const params = readTableParams(location.search, tab);
  const basePath = tab === 'points' ? paths.table : paths.places;
  const [flash] = useState(takeFlash);
  useDocumentTitle(
    t('app.documentTitle', { page: t(tab === 'points' ? 'table.tabPoints' : 'table.tabPlaces') }),
  );

  const setParams = (patch: Partial<TableParams>) => {
    const next = { ...params, ...patch };
    // Any change of filter or sort starts again from the first page.
    if (!('page' in patch)) next.page = 1;
    navigate(`${basePath}${tableSearch(next)}`, { replace: true });
  };

  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('table.title')}</h1>
        {canEdit(user) && (
          <Link
            className="button button-primary"
            href={tab === 'points' ? paths.newServicePoint : paths.newPlace}
          >
            {t(tab === 'points' ? 'table.newPoint' : 'table.newPlace')}
          </Link>
        )}
      </div>
      {flash && <Notice kind="success">{flash}</Notice>}
      <nav aria-label={t('table.tabs')} className="tabs">
        <Link href={paths.table} aria-current={tab === 'points' ? 'page' : undefined}>
          {t('table.tabPoints')}
        </Link>
        <Link href={paths.places} aria-current={tab === 'places' ? 'page' : undefined}>
          {t('table.tabPlaces')}
        </Link>
      </nav>
      <Filters tab={tab} params={params} setParams={setParams} />
      <Results key={tab} tab={tab} params={params} setParams={setParams} />
    </section>
  );
}

function Filters({
  tab,
  params,
  setParams,
}: {
  tab: TableTab;
  params: TableParams;
  setParams(patch: Partial<TableParams>): void;
}) {
  const { t, kind } = useI18n();
  const { territories } = useSession();
  const [text, setText] = useState(params.q);
  const debounced = useDebounced(text, 300);

  // Typing updates the address bar once the user pauses, not on every key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced text may navigate; params and setParams change on every navigation
  useEffect(() => {
    if (debounced.trim() !== params.q.trim()) setParams({ q: debounced });
  }, [debounced]);

  const kinds = [...SERVICE_POINT_KINDS].sort((a, b) => kind(a).localeCompare(kind(b), 'sv'));
  const municipalities = territories.municipalities;
  const filtered = params.q || params.kind || params.municipality;

  return (
    <search aria-label={t('table.filters')}>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ q: text });
        }}
      >
        <div className="field">
          <label htmlFor="table-search">{t('table.search')}</label>
          <input
            id="table-search"
            type="search"
            value={text}
            // The places search matches the name (and the stored, untranslated type), not a chain or address.
            placeholder={t(tab === 'points' ? 'table.searchPlaceholder' : 'table.searchPlaceholderPlaces')}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {tab === 'points' && (
          <div className="field">
            <label htmlFor="table-kind">{t('table.kind')}</label>
            <select id="table-kind" value={params.kind} onChange={(e) => setParams({ kind: e.target.value })}>
              <option value="">{t('table.allKinds')}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {kind(k)}
                </option>
              ))}
            </select>
          </div>
        )}
        {municipalities.length > 1 && (
          <div className="field">
            <label htmlFor="table-municipality">{t('table.municipality')}</label>
            <select
              id="table-municipality"
              value={params.municipality}
              onChange={(e) => setParams({ municipality: e.target.value })}
            >
              <option value="">{t('table.allMunicipalities')}</option>
              {municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {filtered && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setText('');
              setParams({ q: '', kind: '', municipality: '' });
            }}
          >
            {t('table.clear')}
          </button>
        )}
      </form>
    </search>
  );
}

interface Column<T> {
  key: string;
  label: MessageKey;
  sort?: string;
  numeric?: boolean;
  cell(row: T): ReactNode;
}

function Results({
  tab,
  params,
  setParams,
}: {
  tab: TableTab;
  params: TableParams;
  setParams(patch: Partial<TableParams>): void;
}) {
  const { t, kind, lang } = useI18n();
  const { territories } = useSession();
  const loaded = useApi<Page<ServicePoint | Place>>(listUrl(tab, params));
  const municipalityName = (code: string | null) =>
    territories.municipalities.find((m) => m.code === code)?.name ?? code ?? '–';
  const rowHref = (row: ServicePoint | Place) =>
    tab === 'points' ? paths.servicePoint(row.id) : paths.place(row.id);

  const pointColumns: Column<ServicePoint>[] = [
    { key: 'name', label: 'sp.name', sort: 'name', cell: (r) => <Link href={rowHref(r)}>{r.name}</Link> },
    {
      key: 'kind',
      label: 'sp.kind',
      sort: 'kind',
      cell: (r) => <KindBadge kind={r.kind} label={kind(r.kind)} />,
    },
    { key: 'chain', label: 'sp.chain', cell: (r) => r.chain ?? '' },
    { key: 'city', label: 'sp.city', cell: (r) => r.city ?? '' },
    {
      key: 'municipality',
      label: 'sp.municipality',
      sort: 'municipalityCode',
      cell: (r) => municipalityName(r.municipalityCode),
    },
    {
      key: 'power',
      label: 'sp.power',
      cell: (r) => (r.power?.type === 'backup' ? t('power.backup') : t('power.grid')),
    },
    { key: 'updatedAt', label: 'sp.updatedAt', sort: 'updatedAt', cell: (r) => formatDateTime(r.updatedAt) },
  ];
  const placeColumns: Column<Place>[] = [
    { key: 'name', label: 'place.name', sort: 'name', cell: (r) => <Link href={rowHref(r)}>{r.name}</Link> },
    { key: 'placeType', label: 'place.placeType', cell: (r) => placeTypeLabel(lang, r.placeType) },
    {
      key: 'population',
      label: 'place.population',
      sort: 'population',
      numeric: true,
      cell: (r) => formatNumber(r.population),
    },
    {
      key: 'seasonal',
      label: 'place.seasonalPopulation',
      numeric: true,
      cell: (r) => formatNumber(r.seasonalPopulation),
    },
    {
      key: 'municipality',
      label: 'sp.municipality',
      sort: 'municipalityCode',
      cell: (r) => municipalityName(r.municipalityCode),
    },
    { key: 'updatedAt', label: 'sp.updatedAt', sort: 'updatedAt', cell: (r) => formatDateTime(r.updatedAt) },
  ];
  const columns = (tab === 'points' ? pointColumns : placeColumns) as Column<ServicePoint | Place>[];
  const page = loaded.data;
  const pages = page ? pageCount(page.total) : 1;

  function sortBy(column: string) {
    if (params.sort === column) setParams({ order: params.order === 'asc' ? 'desc' : 'asc' });
    else
      setParams({ sort: column, order: column === 'updatedAt' || column === 'population' ? 'desc' : 'asc' });
  }

  return (
    <>
      <div className="result-bar">
        <p role="status" className="result-count">
          {page
            ? page.total === 1
              ? t('table.countOne')
              : t('table.count', { total: formatNumber(page.total) })
            : ''}
        </p>
        <div className="exports">
          <span className="exports-label" aria-hidden="true">
            {t('table.export')}:
          </span>
          {(['csv', 'geojson', 'xlsx'] as const).map((format) => {
            const name = t(
              format === 'csv'
                ? 'table.exportCsv'
                : format === 'geojson'
                  ? 'table.exportGeojson'
                  : 'table.exportXlsx',
            );
            return (
              <a
                key={format}
                className="button button-secondary button-small"
                href={exportUrl(tab, params, format)}
                aria-label={`${t('table.export')}: ${name}`}
                download
              >
                {name}
              </a>
            );
          })}
        </div>
      </div>
      <LoadState loading={loaded.loading && !page} error={loaded.error} onRetry={loaded.reload} />
      {page && (
        <div className="table-wrap" aria-busy={loaded.loading}>
          <table className="data-table">
            <caption className="visually-hidden">
              {t(tab === 'points' ? 'table.tabPoints' : 'table.tabPlaces')}
            </caption>
            <thead>
              <tr>
                {columns.map((c) => {
                  const active = c.sort && params.sort === c.sort;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      className={c.numeric ? 'numeric' : undefined}
                      aria-sort={
                        active
                          ? params.order === 'asc'
                            ? 'ascending'
                            : 'descending'
                          : c.sort
                            ? 'none'
                            : undefined
                      }
                    >
                      {c.sort ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={() => sortBy(c.sort as string)}
                        >
                          {t(c.label)}
                          <span aria-hidden="true" className="sort-icon">
                            {active ? (params.order === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      ) : (
                        t(c.label)
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {page.items.map((row) => (
                <tr
                  key={row.id}
                  className="clickable-row"
                  onClick={(e) => {
                    // Clicks on the name link navigate by themselves.
                    if ((e.target as HTMLElement).closest('a, button')) return;
                    navigate(rowHref(row));
                  }}
                >
                  {columns.map((c) => (
                    <td key={c.key} className={c.numeric ? 'numeric' : undefined}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {page.items.length === 0 && <p className="empty">{t('table.empty')}</p>}
        </div>
      )}
      {page && pages > 1 && (
        <nav className="pager" aria-label={t('table.pagination')}>
          <button
            type="button"
            className="button button-secondary"
            disabled={params.page <= 1}
            onClick={() => setParams({ page: params.page - 1 })}
          >
            {t('table.prev')}
          </button>
          <span>{t('table.page', { page: params.page, pages })}</span>
          <button
            type="button"
            className="button button-secondary"
            disabled={params.page >= pages}
            onClick={() => setParams({ page: params.page + 1 })}
          >
            {t('table.next')}
          </button>
        </nav>
      )}
    </>
  );
}
