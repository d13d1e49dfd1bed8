/**
 * The audit log (admin and county users): who changed or viewed what and when, with the changed
 * fields before and after, newest first. Filters (event, object type, object id) live in the
 * address bar, so "who looked at SOT-punkt 3" is a link.
 */
import { useEffect, useState } from 'react';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../../src/shared/audit-codes.js';
import { auditObject } from '../audit/audit-object.js';
import {
  AUDIT_PAGE_SIZE,
  type AuditParams,
  auditApiUrl,
  auditSearch,
  isFiltered,
  readAuditParams,
} from '../audit/audit-params.js';
import { Link } from '../components/Link.js';
import { LoadState } from '../components/LoadState.js';
import { useApi, useDebounced, useDocumentTitle } from '../hooks.js';
import { formatDateTime, useI18n } from '../i18n.js';
import { diffRecords, displayValue } from '../lib/diff.js';
import { navigate, paths, useLocation } from '../router.js';
import { useSession } from '../session.js';
import type { AuditEntry, Page } from '../types.js';

/** The page at `/logg`. */
export function AuditPage() {
  const { t, label } = useI18n();
  const { territories } = useSession();
  useDocumentTitle(t('app.documentTitle', { page: t('audit.title') }));
  const params = readAuditParams(useLocation().search);
  const page = params.page;
  const setParams = (patch: Partial<AuditParams>) => {
    const next = { ...params, ...patch };
    // A new filter starts again from the first page.
    if (!('page' in patch)) next.page = 1;
    navigate(`${paths.audit}${auditSearch(next)}`, { replace: true });
  };
  const setPage = (p: number) => setParams({ page: p });
  const loaded = useApi<Page<AuditEntry>>(auditApiUrl(params));
  const data = loaded.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || AUDIT_PAGE_SIZE))) : 1;
  const municipality = (code: string | null | undefined) =>
    code ? (territories.municipalities.find((m) => m.code === code)?.name ?? code) : '–';

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('audit.title')}</h1>
      <AuditFilters params={params} setParams={setParams} />
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
                      <EntityCell entry={entry} />
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

/** Event, object type and object id; the id field updates the address once typing pauses. */
function AuditFilters({
  params,
  setParams,
}: {
  params: AuditParams;
  setParams(patch: Partial<AuditParams>): void;
}) {
  const { t, label } = useI18n();
  const [text, setText] = useState(params.entityId);
  const debounced = useDebounced(text, 300);

  // Navigating elsewhere (back button, the menu link) must not leave a stale id in the field.
  useEffect(() => {
    setText((current) => (current.trim() === params.entityId ? current : params.entityId));
  }, [params.entityId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced text may navigate; params and setParams change on every navigation
  useEffect(() => {
    if (debounced.trim() !== params.entityId) setParams({ entityId: debounced.trim() });
  }, [debounced]);

  const entityTypes = [...AUDIT_ENTITY_TYPES].sort((a, b) =>
    label('entity', a).localeCompare(label('entity', b), 'sv'),
  );

  return (
    <search aria-label={t('audit.filters')}>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ entityId: text.trim() });
        }}
      >
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select
            id="audit-action"
            value={params.action}
            onChange={(e) => setParams({ action: e.target.value as AuditParams['action'] })}
          >
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {label('action', a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity-type">{t('audit.entityType')}</label>
          <select
            id="audit-entity-type"
            value={params.entityType}
            onChange={(e) => setParams({ entityType: e.target.value as AuditParams['entityType'] })}
          >
            <option value="">{t('audit.allEntityTypes')}</option>
            {entityTypes.map((type) => (
              <option key={type} value={type}>
                {label('entity', type)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity-id">{t('audit.entityId')}</label>
          <input
            id="audit-entity-id"
            type="search"
            inputMode="numeric"
            maxLength={100}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {isFiltered(params) && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setText('');
              setParams({ action: '', entityType: '', entityId: '' });
            }}
          >
            {t('table.clear')}
          </button>
        )}
      </form>
    </search>
  );
}

/** The object of an entry in words and, where there is a page for it, a link to it. */
function EntityCell({ entry }: { entry: AuditEntry }) {
  const i18n = useI18n();
  const { text, href } = auditObject(entry, i18n);
  return href ? <Link href={href}>{text}</Link> : text;
}
