/**
 * One service point: the create/edit form for editors, a read-only summary for everyone else.
 */
import { useState } from 'react';
import { SERVICE_POINT_KINDS, type ServiceKind } from '../../../src/shared/kinds.js';
import { type ApiError, api } from '../api.js';
import { Link } from '../components/Link.js';
import { LoadState, useErrorMessage } from '../components/LoadState.js';
import { Notice } from '../components/Notice.js';
import { setFlash, takeFlash } from '../flash.js';
import { ErrorSummary } from '../forms/ErrorSummary.js';
import { ServicePointFields } from '../forms/ServicePointFields.js';
import {
  checkServicePointForm,
  emptyForm,
  FORM_PATHS,
  formFromPoint,
  PATH_LABELS,
  type ServicePointForm,
} from '../forms/service-point-model.js';
import { type FieldErrors, serverFieldErrors } from '../forms/validation.js';
import { useApi, useDocumentTitle } from '../hooks.js';
import { formatDateTime, useI18n } from '../i18n.js';
import { navigate, paths } from '../router.js';
import { canEdit, useSession } from '../session.js';
import type { ServicePoint } from '../types.js';
import { ServicePointDetails } from './ServicePointDetails.js';

/** The page at `/servicepunkter/:id` or `/servicepunkter/ny`. */
export function ServicePointPage({ id }: { id: number | 'new' }) {
  const { t } = useI18n();
  const { user } = useSession();
  const editable = canEdit(user);
  const loaded = useApi<ServicePoint>(id === 'new' ? null : `/api/service-points/${id}`);
  useDocumentTitle(
    t('app.documentTitle', {
      page: id === 'new' ? t('form.createTitle') : (loaded.data?.name ?? t('sp.name')),
    }),
  );

  if (id === 'new') {
    if (!editable) return <Notice kind="error">{t('error.forbidden')}</Notice>;
    return <ServicePointEditor key="new" point={null} />;
  }
  const error = loaded.error as ApiError | null;
  if (error?.status === 404 || error?.status === 403) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('form.notFound')}</h1>
        <p>
          <Link href={paths.table}>{t('form.backToTable')}</Link>
        </p>
      </section>
    );
  }
  if (!loaded.data)
    return <LoadState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />;
  if (!editable) return <ServicePointDetails point={loaded.data} />;
  return <ServicePointEditor key={`${loaded.data.id}-${loaded.data.version}`} point={loaded.data} />;
}

/** The form; `point` null means a new point. */
function ServicePointEditor({ point: initial }: { point: ServicePoint | null }) {
  const { t, kind: kindLabel } = useI18n();
  const { territories } = useSession();
  const errorMessage = useErrorMessage();
  const [point, setPoint] = useState(initial);
  const [form, setForm] = useState<ServicePointForm>(() => (initial ? formFromPoint(initial) : emptyForm()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(() => {
    const flash = takeFlash();
    return flash ? { kind: 'success', text: flash } : null;
  });
  const [conflict, setConflict] = useState(false);

  const update = (patch: Partial<ServicePointForm>) => setForm((f) => ({ ...f, ...patch }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setNotice(null);
    setConflict(false);
    const { payload, errors: clientErrors } = checkServicePointForm(form, t, point?.version);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    setSaving(true);
    try {
      if (point) {
        const saved = await api.patch<ServicePoint>(`/api/service-points/${point.id}`, payload);
        setPoint(saved);
        setForm(formFromPoint(saved));
        setNotice({ kind: 'success', text: t('form.saved') });
      } else {
        const created = await api.post<ServicePoint>('/api/service-points', payload);
        setFlash(t('form.created'));
        navigate(paths.servicePoint(created.id), { replace: true });
      }
    } catch (err) {
      const e = err as ApiError;
      if (e.id === 'conflict' || e.status === 409) setConflict(true);
      else if (e.status === 400 && e.details.length > 0) setErrors(serverFieldErrors(e.details));
      else setNotice({ kind: 'error', text: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    if (!point) return;
    if (!window.confirm(t('form.deleteConfirm', { name: point.name }))) return;
    setSaving(true);
    try {
      await api.delete(`/api/service-points/${point.id}?version=${point.version}`);
      setFlash(t('form.deleted', { name: point.name }));
      navigate(paths.table);
    } catch (err) {
      setNotice({ kind: 'error', text: errorMessage(err as ApiError) });
      setSaving(false);
    }
  }

  const municipality = point?.municipalityCode
    ? territories.municipalities.find((m) => m.code === point.municipalityCode)
    : undefined;
  const shownPaths = new Set(Object.values(FORM_PATHS));

  return (
    <section aria-labelledby="page-title" className="form-page">
      <p className="breadcrumb">
        <Link href={paths.table}>{t('form.backToTable')}</Link>
      </p>
      <h1 id="page-title">{point ? t('form.editTitle', { name: point.name }) : t('form.createTitle')}</h1>
      {point && (
        <p className="meta">
          {kindLabel(point.kind)}
          {municipality
            ? ` · ${municipality.name}`
            : point.municipalityCode
              ? ` · ${point.municipalityCode}`
              : ''}
          {' · '}
          {t('form.version', { version: point.version, date: formatDateTime(point.updatedAt) })}
        </p>
      )}
      {notice && (
        <Notice key={notice.text + notice.kind} kind={notice.kind} focus>
          {notice.text}
        </Notice>
      )}
      {conflict && (
        <Notice kind="error" focus>
          <p>{t('form.conflict')}</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('form.reload')}
          </button>
        </Notice>
      )}
      <ErrorSummary errors={errors} labels={PATH_LABELS} shownPaths={shownPaths} />
      <form onSubmit={save} noValidate className="entity-form">
        <ServicePointFields
          form={form}
          errors={errors}
          onChange={update}
          kinds={SERVICE_POINT_KINDS as readonly ServiceKind[]}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <Link href={paths.table} className="button button-secondary">
            {t('common.cancel')}
          </Link>
          {point && (
            <button type="button" className="button button-danger" onClick={remove} disabled={saving}>
              {t('form.delete')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
