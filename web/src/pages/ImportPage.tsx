/**
 * The import view: choose what to load and the file (plus an optional column mapping), dry-run
 * by default, upload, and read the validation report line by line.
 */
import { useRef, useState } from 'react';
import { type ApiError, request } from '../api.js';
import { LoadState, useErrorMessage } from '../components/LoadState.js';
import { Notice } from '../components/Notice.js';
import { fieldId } from '../forms/fields.js';
import { useApi, useDocumentTitle } from '../hooks.js';
import { formatDateTime, formatNumber, type MessageKey, useI18n } from '../i18n.js';
import { importIssueText } from '../lib/import-issue-text.js';
import type { ImportBatch, ImportCounts, ImportReport } from '../types.js';

const TARGETS = ['service_points', 'places', 'boundaries', 'all'] as const;
const FORMATS = ['csv', 'geojson', 'osm'] as const;
const COUNT_KEYS: (keyof ImportCounts)[] = [
  'read',
  'created',
  'updated',
  'unchanged',
  'skipped',
  'errors',
  'warnings',
];
/** Showing more issues than this makes the page unusable; the counts still say how many. */
const ISSUE_LIMIT = 500;

/** The page at `/import`. */
export function ImportPage() {
  const { t, label } = useI18n();
  useDocumentTitle(t('app.documentTitle', { page: t('import.title') }));
  const errorMessage = useErrorMessage();
  const [target, setTarget] = useState<(typeof TARGETS)[number]>('service_points');
  const [format, setFormat] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [boundaryLevel, setBoundaryLevel] = useState<'municipality' | 'county'>('municipality');
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const mappingRef = useRef<HTMLInputElement>(null);
  const recent = useApi<ImportBatch[] | { items: ImportBatch[] }>('/api/imports');

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    setReport(null);
    setFailure(null);
    if (!file) {
      setFileError(t('import.noFile'));
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    // Plain fields first: a streaming multipart parser sees them before the (large) file.
    const body = new FormData();
    body.append('target', target);
    if (format) body.append('format', format);
    body.append('dryRun', String(dryRun));
    body.append('skipInvalid', String(skipInvalid));
    if (target === 'boundaries') body.append('boundaryLevel', boundaryLevel);
    const mapping = mappingRef.current?.files?.[0];
    if (mapping) body.append('mapping', mapping, mapping.name);
    body.append('file', file, file.name);
    setBusy(true);
    try {
      setReport(await request<ImportReport>('POST', '/api/imports', body));
      recent.reload();
    } catch (err) {
      const e = err as ApiError;
      const withReport = (e.body as { report?: ImportReport } | undefined)?.report;
      if (withReport) setReport(withReport);
      else
        setFailure(
          e.details.length
            ? `${errorMessage(e)} ${e.details.map((d) => d.reason).join('; ')}`
            : errorMessage(e),
        );
    } finally {
      setBusy(false);
    }
  }

  const batches = Array.isArray(recent.data) ? recent.data : (recent.data?.items ?? []);

  return (
    <section aria-labelledby="page-title" className="import-page">
      <h1 id="page-title">{t('import.title')}</h1>
      <p className="lead">{t('import.intro')}</p>
      <form onSubmit={submit} noValidate className="entity-form">
        <fieldset className="form-section">
          <legend>{t('import.target')}</legend>
          <div className="choices">
            {TARGETS.map((value) => (
              <label key={value} className="choice">
                <input
                  type="radio"
                  name="target"
                  value={value}
                  checked={target === value}
                  onChange={() => setTarget(value)}
                />
                {t(`import.target.${value}` as MessageKey)}
              </label>
            ))}
          </div>
        </fieldset>
        {target === 'boundaries' && (
          <div className="field">
            <label htmlFor="import-level">{t('import.boundaryLevel')}</label>
            <select
              id="import-level"
              value={boundaryLevel}
              onChange={(e) => setBoundaryLevel(e.target.value === 'county' ? 'county' : 'municipality')}
            >
              <option value="municipality">{t('import.level.municipality')}</option>
              <option value="county">{t('import.level.county')}</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="import-format">{t('import.format')}</label>
          <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="">{t('import.format.auto')}</option>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f === 'osm' ? t('import.format.osm') : f === 'csv' ? 'CSV' : 'GeoJSON'}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${fileError ? ' has-error' : ''}`}>
          <label htmlFor={fieldId('file')}>{t('import.file')}</label>
          {fileError && (
            <p className="field-error" id={`${fieldId('file')}-error`} role="alert">
              {fileError}
            </p>
          )}
          <input
            id={fieldId('file')}
            ref={fileRef}
            type="file"
            name="file"
            accept=".csv,.txt,.geojson,.json,.osm,.pbf"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${fieldId('file')}-error` : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={fieldId('mapping')}>{t('import.mapping')}</label>
          <input
            id={fieldId('mapping')}
            ref={mappingRef}
            type="file"
            name="mapping"
            accept=".json,application/json"
          />
        </div>
        <div className="field">
          <label className="choice">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
            {t('import.dryRun')}
          </label>
          <label className="choice">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
            {t('import.skipInvalid')}
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('import.submitting') : t('import.submit')}
          </button>
        </div>
      </form>
      {busy && (
        <p role="status" className="loading">
          {t('import.submitting')}
        </p>
      )}
      {failure && <Notice kind="error">{failure}</Notice>}
      {report && <ImportReportView report={report} />}
      <h2>{t('import.recent')}</h2>
      <LoadState loading={recent.loading && !recent.data} error={recent.error} onRetry={recent.reload} />
      {recent.data && batches.length === 0 && <p>{t('import.noRecent')}</p>}
      {batches.length > 0 && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('import.startedAt')}</th>
                <th scope="col">{t('import.target')}</th>
                <th scope="col">{t('import.source')}</th>
                <th scope="col">{t('import.status')}</th>
                <th scope="col" className="numeric">
                  {t('count.created')}
                </th>
                <th scope="col" className="numeric">
                  {t('count.updated')}
                </th>
                <th scope="col" className="numeric">
                  {t('count.errors')}
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.slice(0, 20).map((b) => (
                <tr key={b.id}>
                  <td>{formatDateTime(b.startedAt)}</td>
                  <td>{label('import.target', b.target)}</td>
                  <td>{b.source}</td>
                  <td>{b.status ?? ''}</td>
                  <td className="numeric">{formatNumber(b.counts?.created)}</td>
                  <td className="numeric">{formatNumber(b.counts?.updated)}</td>
                  <td className="numeric">{formatNumber(b.counts?.errors)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Counts, counts per kind and the list of issues of one import report. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, kind, lang } = useI18n();
  const failed = !report.ok;
  const byKind = Object.entries(report.byKind ?? {});
  const issues = report.issues ?? [];
  return (
    <section aria-labelledby="report-title" className="import-report">
      <h2 id="report-title">{t('import.report')}</h2>
      <Notice kind={failed ? 'error' : report.dryRun ? 'info' : 'success'} focus>
        {failed ? t('import.failed') : report.dryRun ? t('import.dryRunDone') : t('import.done')}
      </Notice>
      <h3>{t('import.counts')}</h3>
      <dl className="counts">
        {COUNT_KEYS.map((key) => (
          <div key={key} className={`count count-${key}`}>
            <dt>{t(`count.${key}` as MessageKey)}</dt>
            <dd>{formatNumber(report.counts?.[key] ?? 0)}</dd>
          </div>
        ))}
      </dl>
      {report.durationMs !== undefined && (
        <p className="hint">
          {t('import.duration', { seconds: formatNumber(Math.round(report.durationMs / 100) / 10, true) })}
        </p>
      )}
      {byKind.length > 0 && (
        <>
          <h3>{t('import.byKind')}</h3>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{t('sp.kind')}</th>
                <th scope="col" className="numeric">
                  {t('import.kindCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {byKind.map(([k, v]) => (
                <tr key={k}>
                  <td>{kind(k)}</td>
                  <td className="numeric">
                    {typeof v === 'number'
                      ? formatNumber(v)
                      : COUNT_KEYS.filter((c) => v[c])
                          .map((c) => `${t(`count.${c}` as MessageKey)} ${formatNumber(v[c])}`)
                          .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('import.issues')}</h3>
      {issues.length === 0 ? (
        <p>{t('import.noIssues')}</p>
      ) : (
        <>
          {issues.length > ISSUE_LIMIT && (
            <p className="hint">
              {t('import.issuesTruncated', { n: ISSUE_LIMIT, total: formatNumber(issues.length) })}
            </p>
          )}
          <div className="table-wrap">
            <table className="data-table compact issues">
              <thead>
                <tr>
                  <th scope="col">{t('issue.severity')}</th>
                  <th scope="col" className="numeric">
                    {t('issue.line')}
                  </th>
                  <th scope="col">{t('issue.element')}</th>
                  <th scope="col">{t('issue.field')}</th>
                  <th scope="col">{t('issue.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {issues.slice(0, ISSUE_LIMIT).map((issue, i) => (
                  // Issues have no id; their order in the report is stable.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <tr key={i} className={`severity-${issue.severity}`}>
                    <td>
                      {issue.severity === 'error'
                        ? t('severity.error')
                        : issue.severity === 'warning'
                          ? t('severity.warning')
                          : issue.severity}
                    </td>
                    <td className="numeric">{issue.line ?? ''}</td>
                    <td>{issue.element ?? ''}</td>
                    <td>{issue.field ?? ''}</td>
                    <td>{importIssueText(lang, issue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
