/**
 * The audit log (admin and county users): who changed what and when, with the changed fields
 * before and after, newest first.
 */
import { useState } from 'react';
import { queryString } from '../api.js';
import { Link } from '../components/Link.js';
import { LoadState } from '../components/LoadState.js';
import { useApi, useDocumentTitle } from '../hooks.js';
import { formatDateTime, useI18n } from '../i18n.js';
import { diffRecords, displayValue } from '../lib/diff.js';
import { paths } from '../router.js';
import { useSession } from '../session.js';
import type { AuditEntry, Page } from '../types.js';

const PAGE_SIZE = 50;
/** The actions worth filtering on; others still show in the unfiltered list. */
const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import', 'login'] as const;

/** The page at `/logg`. */
export function AuditPage() {
  const { t, label } = useI18n();
  const { territories } = useSession();
  useDocumentTitle(t('app.documentTitle', { page: t('audit.title') }));
  const [page, setPage] = useState(1);
  const [action, setAction] = useState('');
  const loaded = useApi<Page<AuditEntry>>(
    `/api/audit${queryString({ page, pageSize: PAGE_SIZE, action: action || undefined })}`,
  );
  const data = loaded.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || PAGE_SIZE))) : 1;
  const municipality = (code: string | null | undefined) =>
    code ? (territories.municipalities.find((m) => m.code === code)?.name ?? code) : '–';

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('audit.title')}</h1>
      <div className="filters">
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select
            id="audit-action"
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {label('action', a)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadState loading={loaded.loading && !data} error={loaded.error} onRetry={loaded.reload} />
      {data && data.items.length === 0 && <p>{t('audit.empty')}</p>}
      {data && data.items.length > 0 && (
        <div className="table-wrap" aria-busy={loaded.loading}>
          <table className="data-table audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.user')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.municipality')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((entry) => {
                const changes = diffRecords(entry.before, entry.after);
                return (
                  <tr key={entry.id}>
                    <td>{formatDateTime(entry.at)}</td>
                    <td>{entry.username ?? '–'}</td>
                    <td>{label('action', entry.action)}</td>
                    <td>
                      <EntityCell
                        type={entry.entityType}
                        id={entry.entityId}
                        deleted={entry.action === 'delete'}
                      />
                    </td>
                    <td>{municipality(entry.municipalityCode)}</td>
                    <td>
                      {changes.length === 0 ? (
                        t('audit.noChanges')
                      ) : (
                        <details>
                          <summary>
                            {changes.length} {t('audit.changes').toLowerCase()}
                          </summary>
                          <table className="diff-table">
                            <thead>
                              <tr>
                                <th scope="col">{t('audit.field')}</th>
                                <th scope="col">{t('audit.before')}</th>
                                <th scope="col">{t('audit.after')}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {changes.map((c) => (
                                <tr key={c.field}>
                                  <th scope="row">{c.field}</th>
                                  <td className="diff-before">{displayValue(c.before)}</td>
                                  <td className="diff-after">{displayValue(c.after)}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && pages > 1 && (
        <nav className="pager" aria-label={t('table.pagination')}>
          <button
            type="button"
            className="button button-secondary"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            {t('table.prev')}
          </button>
          <span>{t('table.page', { page, pages })}</span>
          <button
            type="button"
            className="button button-secondary"
            disabled={page >= pages}
            onClick={() => setPage(page + 1)}
          >
            {t('table.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

/** The changed object: its kind in words and, while it still exists, a link to it. */
function EntityCell({ type, id, deleted }: { type: string; id?: string | null; deleted: boolean }) {
  const { label } = useI18n();
  const text = `${label('entity', type)}${id ? ` ${id}` : ''}`;
  const numeric = id && /^\d+$/.test(id) ? Number(id) : null;
  if (numeric === null || deleted) return <>{text}</>;
  if (type === 'service_point') return <Link href={paths.servicePoint(numeric)}>{text}</Link>;
  if (type === 'place') return <Link href={paths.place(numeric)}>{text}</Link>;
  return <>{text}</>;
}
