/**
 * /tillganglighet: the accessibility analysis for the user's territory — a map of population
 * points by time to the nearest service (or by catchment), a point's nearest services, the
 * Tillväxtanalys-style summary per municipality with CSV/XLSX/GeoJSON export, the cumulative
 * distribution per municipality, and the run used (editors may run it again). Summary, chart
 * and the CSV/XLSX files follow the chosen weighting: registered residents or the seasonal
 * population (holiday-home residents included); the API returns both, so switching costs no request.
 * Editors also get the "SOT-punkt" group; a SOT-punkt outside what they may read is shown with its
 * time but without its name ("SOT-punkt i annan kommun"), as the server reports it.
 */
import './access.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  AccessResult,
  AccessRunView,
  AccessSummaryRow,
  PointAccess,
} from '../../../src/shared/access.js';
import { type ApiError, api, queryString } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { Notice } from '../components/Notice.js';
import { useApi, useDocumentTitle } from '../hooks.js';
import type { GeoJsonCollection } from '../map/style.js';
import { canEdit, useSession } from '../session.js';
import type { BBox } from '../types.js';
import { AccessMap } from './AccessMap.js';
import { DistributionChart } from './DistributionChart.js';
import {
  BAND_COLORS,
  catchmentLegend,
  downloadText,
  exportFilename,
  serviceLabel,
  summaryCells,
  summaryCsv,
  summaryXlsxUrl,
  TIME_BANDS,
  WEIGHTINGS,
  type Weighting,
} from './format.js';
import { type AccessI18n, useAccessI18n } from './i18n.js';

interface ConfigView {
  groups: Record<string, string[]>;
  /** Groups the user may read, `sot` (SOT-punkter) included for editors. */
  readableGroups: string[];
}
interface SummaryResponse {
  run: AccessRunView | null;
  rows: AccessSummaryRow[];
}
type ResultsGeoJson = GeoJsonCollection & { run: AccessRunView | null; truncated: boolean };

function bboxOf(data: GeoJsonCollection | undefined): BBox | null {
  if (!data || data.features.length === 0) return null;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const f of data.features) {
    const [lon, lat] = (f.geometry as { coordinates: [number, number] }).coordinates;
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  const pad = 0.01;
  return [w - pad, s - pad, e + pad, n + pad];
}

/** The accessibility page. */
export function AccessPage() {
  const i = useAccessI18n();
  const { a } = i;
  const { user, config } = useSession();
  useDocumentTitle(i.t('app.documentTitle', { page: a('acc.title') }));
  const cfg = useApi<ConfigView>('/api/access/config');
  const groups = cfg.data?.readableGroups ?? [];
  const [group, setGroup] = useState<string | null>(null);
  const active = group ?? groups[0] ?? null;
  const [mode, setMode] = useState<'time' | 'catchment'>('time');
  const [weighting, setWeighting] = useState<Weighting>('resident');
  const [pointRef, setPointRef] = useState<string | null>(null);
  // One municipality of the territory, or all of it (null): a county officer looks at one at a time.
  const [municipality, setMunicipality] = useState<string | null>(null);
  // The municipalities to choose from, from the whole territory's summary (kept while one is chosen).
  const [municipalities, setMunicipalities] = useState<{ code: string; name: string }[]>([]);

  const summary = useApi<SummaryResponse>(
    active ? `/api/access/summary${queryString({ group: active, municipality })}` : null,
  );
  const results = useApi<ResultsGeoJson>(
    active ? `/api/access/results${queryString({ group: active, format: 'geojson', municipality })}` : null,
  );
  useEffect(() => {
    if (municipality !== null || !summary.data) return;
    setMunicipalities(
      summary.data.rows
        .filter((r) => r.level === 'municipality')
        .map((r) => ({ code: r.code, name: r.name ?? r.code }))
        .sort((x, y) => x.name.localeCompare(y.name, 'sv')),
    );
  }, [summary.data, municipality]);
  const { reload: reloadSummary } = summary;
  const { reload: reloadResults } = results;
  const onRunFinished = useCallback(() => {
    reloadSummary();
    reloadResults();
  }, [reloadSummary, reloadResults]);
  const bbox = useMemo(() => bboxOf(results.data), [results.data]);
  const named = useMemo(
    () =>
      (results.data?.features ?? [])
        .map((f) => f.properties as { ref: string; name: string | null })
        .filter((p) => p.name)
        .sort((x, y) => (x.name as string).localeCompare(y.name as string, 'sv')),
    [results.data],
  );

  return (
    <div className="page access-page">
      <h1>{a('acc.title')}</h1>
      <p>{a('acc.intro')}</p>
      <LoadState loading={cfg.loading} error={cfg.error} onRetry={cfg.reload} />
      <RunStatus run={summary.data?.run ?? null} canRun={canEdit(user)} onFinished={onRunFinished} />
      <div className="access-controls">
        <label>
          {a('acc.group')}{' '}
          <select value={active ?? ''} onChange={(e) => setGroup(e.target.value)}>
            {groups.map((g) => (
              <option key={g} value={g}>
                {i.groupLabel(g)}
              </option>
            ))}
          </select>
        </label>
        {municipalities.length > 1 && (
          <label>
            {a('acc.municipality')}{' '}
            <select
              value={municipality ?? ''}
              onChange={(e) => {
                setMunicipality(e.target.value || null);
                setPointRef(null);
              }}
            >
              <option value="">{a('acc.municipality.all')}</option>
              {municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset className="access-weighting" aria-describedby="acc-weighting-hint">
          <legend>{a('acc.weighting')}</legend>
          {WEIGHTINGS.map((w) => (
            <label key={w}>
              <input
                type="radio"
                name="acc-weighting"
                checked={weighting === w}
                onChange={() => setWeighting(w)}
              />{' '}
              {a(`acc.weighting.${w}`)}
            </label>
          ))}
          <p id="acc-weighting-hint" className="access-hint">
            {a('acc.weighting.hint')}
          </p>
        </fieldset>
        <fieldset>
          <legend>{a('acc.colourBy')}</legend>
          {(['time', 'catchment'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="acc-mode" checked={mode === m} onChange={() => setMode(m)} />{' '}
              {a(`acc.colourBy.${m}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="access-map-row">
        <AccessMap
          data={results.data ?? { type: 'FeatureCollection', features: [] }}
          mode={mode}
          bbox={bbox}
          tileUrl={config.tileUrl}
          tileAttribution={config.tileAttribution}
          onPick={setPointRef}
        />
        <aside className="access-side">
          <Legend i18n={i} mode={mode} data={results.data} />
          <p>{a('acc.points', { n: results.data?.features.length ?? 0 })}</p>
          <label>
            {a('acc.pickPoint')}{' '}
            <select value={pointRef ?? ''} onChange={(e) => setPointRef(e.target.value || null)}>
              <option value="">{a('acc.pickNone')}</option>
              {named.map((p) => (
                <option key={p.ref} value={p.ref}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          {pointRef && <PointPanel key={pointRef} pointRef={pointRef} group={active} />}
        </aside>
      </div>
      <LoadState loading={summary.loading} error={summary.error} onRetry={summary.reload} />
      {summary.data && (
        <SummaryTable
          run={summary.data.run}
          rows={summary.data.rows}
          group={active ?? ''}
          weighting={weighting}
          municipality={municipality}
          geojson={results.data}
        />
      )}
      {summary.data && summary.data.rows.length > 0 && (
        <section>
          <h2>{`${a('acc.chart')} – ${a(`acc.weighting.caption.${weighting}`)}`}</h2>
          {summary.data.rows.map((row) => (
            <DistributionChart
              key={`${row.level}${row.code}`}
              summary={row[weighting]}
              name={rowName(i, row)}
            />
          ))}
        </section>
      )}
    </div>
  );
}

function rowName(i: AccessI18n, row: AccessSummaryRow): string {
  if (row.level === 'county') return row.name ?? i.a('acc.level.county', { code: row.code });
  return row.name ?? row.code;
}

function Legend({
  i18n,
  mode,
  data,
}: {
  i18n: AccessI18n;
  mode: 'time' | 'catchment';
  data: GeoJsonCollection | undefined;
}) {
  const items =
    mode === 'time'
      ? TIME_BANDS.map((b) => ({ key: b, color: BAND_COLORS[b], text: i18n.a(`acc.band.${b}`) }))
      : catchmentLegend(
          (data?.features ?? []).map((f) => f.properties as unknown as AccessResult),
          { hidden: i18n.a('acc.legend.hiddenSot'), none: i18n.a('acc.band.none') },
        );
  return (
    <section aria-label={i18n.a('acc.legend')}>
      <h2>{i18n.a('acc.legend')}</h2>
      {mode === 'catchment' && <p>{i18n.a('acc.catchmentHint')}</p>}
      <ul className="access-legend">
        {items.map((item) => (
          <li key={item.key}>
            <span className="swatch" aria-hidden="true" style={{ background: item.color }} /> {item.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

const fmtMin = (s: number) => (s / 60).toLocaleString('sv-SE', { maximumFractionDigits: 1 });
const fmtKm = (m: number) => (m / 1000).toLocaleString('sv-SE', { maximumFractionDigits: 1 });

function PointPanel({ pointRef, group }: { pointRef: string; group: string | null }) {
  const i = useAccessI18n();
  const { a } = i;
  const point = useApi<PointAccess>(`/api/access/points/${encodeURIComponent(pointRef)}`);
  if (!point.data) return <LoadState loading={point.loading} error={point.error} onRetry={point.reload} />;
  const p = point.data.point;
  const g = point.data.groups.find((x) => x.group === group);
  return (
    <section className="access-point" aria-live="polite">
      <h2>{a('acc.point.title', { name: p.name ?? p.ref })}</h2>
      {p.population !== null && (
        <p>{a('acc.point.population', { n: p.population.toLocaleString('sv-SE') })}</p>
      )}
      {g && g.status !== 'ok' && (
        <p>{a(g.status === 'unsnapped' ? 'acc.point.unsnapped' : 'acc.point.unreachable')}</p>
      )}
      {g && g.status === 'ok' && (
        <dl>
          {(['nearest', 'second'] as const).map((k) => {
            const s = g[k];
            return (
              <div key={k}>
                <dt>{a(`acc.point.${k}`)}</dt>
                <dd>
                  {s
                    ? `${serviceLabel(s, a('acc.point.hiddenSot'))}: ${a('acc.point.time', { min: fmtMin(s.timeS), km: fmtKm(s.distM) })}`
                    : i.t('common.none')}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      {g && (g.nearest?.hidden || g.second?.hidden) && (
        <p className="access-hint">{a('acc.point.hiddenSotHint')}</p>
      )}
    </section>
  );
}

function SummaryTable({
  run,
  rows,
  group,
  weighting,
  municipality,
  geojson,
}: {
  run: AccessRunView | null;
  rows: AccessSummaryRow[];
  group: string;
  weighting: Weighting;
  municipality: string | null;
  geojson: ResultsGeoJson | undefined;
}) {
  const i = useAccessI18n();
  const { a } = i;
  if (rows.length === 0 || !run) return <p>{a('acc.noData')}</p>;
  const weightingText = a(`acc.weighting.caption.${weighting}`);
  const cols = [
    a(weighting === 'seasonal' ? 'acc.col.population.seasonal' : 'acc.col.population'),
    a('acc.col.lt5'),
    a('acc.col.m5to10'),
    a('acc.col.m10to30'),
    a('acc.col.gt30'),
    a('acc.col.median'),
    a('acc.col.p90'),
    a('acc.col.noSecond'),
    a('acc.col.bridge'),
  ];
  const exportCsv = () =>
    downloadText(
      exportFilename(group, weighting, 'csv'),
      summaryCsv(
        rows,
        [a('acc.col.level'), a('acc.col.code'), a('acc.col.area'), ...cols, a('acc.col.weighting')],
        weighting,
        weightingText,
        (level) => a(level === 'county' ? 'acc.levelName.county' : 'acc.levelName.municipality'),
      ),
      'text/csv;charset=utf-8',
      { bom: true },
    );
  // The map layer holds each point's resident and seasonal population: no weighting to choose.
  const exportGeojson = () =>
    geojson &&
    downloadText(`tillganglighet-${group}.geojson`, JSON.stringify(geojson), 'application/geo+json');
  return (
    <section>
      <h2>{a('acc.summary')}</h2>
      <div className="access-export">
        <button type="button" className="button" onClick={exportCsv}>
          {a('acc.exportCsv')}
        </button>{' '}
        <a className="button" href={summaryXlsxUrl(run.id, group, weighting, municipality)} download>
          {a('acc.exportXlsx')}
        </a>{' '}
        <button type="button" className="button" onClick={exportGeojson} disabled={!geojson}>
          {a('acc.exportGeojson')}
        </button>
      </div>
      <div className="table-wrap">
        <table className="access-summary">
          <caption>{`${a('acc.summary')} – ${i.groupLabel(group)} – ${weightingText}`}</caption>
          <thead>
            <tr>
              <th scope="col">{a('acc.col.area')}</th>
              {cols.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const cells = summaryCells(row[weighting]);
              return (
                <tr key={`${row.level}${row.code}`} data-code={row.code} className={`level-${row.level}`}>
                  <th scope="row">{rowName(i, row)}</th>
                  {cols.map((col, c) => (
                    <td key={col}>{cells[c]}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RunStatus({
  run,
  canRun,
  onFinished,
}: {
  run: AccessRunView | null;
  canRun: boolean;
  onFinished(): void;
}) {
  const { a, lang } = useAccessI18n();
  const [job, setJob] = useState<AccessRunView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
    const timer = window.setTimeout(() => {
      api
        .get<AccessRunView>(`/api/access/runs/${job.id}`)
        .then((next) => {
          setJob(next);
          if (next.status === 'done') onFinished();
        })
        .catch((err: ApiError) => setError(err.message));
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [job, onFinished]);

  const start = () => {
    setError(null);
    api
      .post<{ run: AccessRunView }>('/api/access/runs', {})
      .then((res) => {
        setJob(res.run);
        if (res.run.status === 'done') onFinished();
      })
      .catch((err: ApiError) => setError(err.message));
  };
  const busy = job !== null && (job.status === 'queued' || job.status === 'running');
  const when = run?.finishedAt
    ? new Date(run.finishedAt).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB')
    : '–';
  return (
    <section className="access-run" aria-label={a('acc.run')}>
      {run ? (
        <p>
          {a('acc.run.info', { graph: run.graph.name, when })}.{' '}
          {run.stale ? (
            <strong>{a('acc.run.stale', { reasons: run.staleReasons.join('; ') })}</strong>
          ) : (
            a('acc.run.current')
          )}
        </p>
      ) : (
        <p>{a('acc.run.none')}</p>
      )}
      {canRun && (
        <button type="button" className="button" onClick={start} disabled={busy}>
          {a('acc.run.rerun')}
        </button>
      )}
      <div aria-live="polite">
        {busy && job && (
          <p>
            {a('acc.run.running', { pct: Math.round(job.progress * 100) })}{' '}
            <progress max={1} value={job.progress} />
          </p>
        )}
        {job?.status === 'done' && <p>{a('acc.run.done')}</p>}
        {job?.status === 'failed' && (
          <Notice kind="error">{a('acc.run.failed', { error: job.error ?? '' })}</Notice>
        )}
        {error && <Notice kind="error">{error}</Notice>}
      </div>
    </section>
  );
}
