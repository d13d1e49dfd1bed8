/**
 * One place (locality): create/edit form for editors, read-only summary for everyone else.
 */
import { useState } from 'react';
import { type ApiError, api } from '../api.js';
import { Link } from '../components/Link.js';
import { LoadState, useErrorMessage } from '../components/LoadState.js';
import { Notice } from '../components/Notice.js';
import { setFlash, takeFlash } from '../flash.js';
import { ErrorSummary } from '../forms/ErrorSummary.js';
import { TextField } from '../forms/fields.js';
import {
  checkPlaceForm,
  emptyPlaceForm,
  formFromPlace,
  PLACE_PATH_LABELS,
  type PlaceForm,
} from '../forms/place-model.js';
import { type FieldErrors, serverFieldErrors } from '../forms/validation.js';
import { useApi, useDocumentTitle } from '../hooks.js';
import { formatDateTime, formatNumber, useI18n } from '../i18n.js';
import { navigate, paths } from '../router.js';
import { canEdit, useSession } from '../session.js';
import type { Place } from '../types.js';

/** The page at `/orter/:id` or `/orter/ny`. */
export function PlacePage({ id }: { id: number | 'new' }) {
  const { t } = useI18n();
  const { user } = useSession();
  const editable = canEdit(user);
  const loaded = useApi<Place>(id === 'new' ? null : `/api/places/${id}`);
  useDocumentTitle(
    t('app.documentTitle', {
      page: id === 'new' ? t('place.createTitle') : (loaded.data?.name ?? t('place.name')),
    }),
  );

  if (id === 'new') {
    if (!editable) return <Notice kind="error">{t('error.forbidden')}</Notice>;
    return <PlaceEditor key="new" place={null} />;
  }
  const error = loaded.error as ApiError | null;
  if (error?.status === 404 || error?.status === 403) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">{t('form.notFound')}</h1>
        <p>
          <Link href={paths.places}>{t('form.backToTable')}</Link>
        </p>
      </section>
    );
  }
  if (!loaded.data)
    return <LoadState loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />;
  if (!editable) return <PlaceDetails place={loaded.data} />;
  return <PlaceEditor key={`${loaded.data.id}-${loaded.data.version}`} place={loaded.data} />;
}

function PlaceDetails({ place }: { place: Place }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="page-title" className="form-page">
      <p className="breadcrumb">
        <Link href={paths.places}>{t('form.backToTable')}</Link>
      </p>
      <h1 id="page-title">{place.name}</h1>
      <p className="hint">{t('form.readOnly')}</p>
      <dl className="details">
        {(
          [
            [t('place.placeType'), place.placeType],
            [t('place.population'), formatNumber(place.population)],
            [t('place.seasonalPopulation'), formatNumber(place.seasonalPopulation)],
            [
              `${t('sp.lat')}, ${t('sp.lon')}`,
              `${formatNumber(place.lat, true)}, ${formatNumber(place.lon, true)}`,
            ],
            [t('sp.municipality'), place.municipalityCode ?? '–'],
            [t('sp.updatedAt'), formatDateTime(place.updatedAt)],
          ] as const
        ).map(([term, value]) => (
          <div key={term} className="details-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function PlaceEditor({ place: initial }: { place: Place | null }) {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const [place, setPlace] = useState(initial);
  const [form, setForm] = useState<PlaceForm>(() => (initial ? formFromPlace(initial) : emptyPlaceForm()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(() => {
    const flash = takeFlash();
    return flash ? { kind: 'success', text: flash } : null;
  });
  const field = (key: keyof PlaceForm, required = false, inputMode?: 'decimal' | 'numeric') => (
    <TextField
      path={key}
      label={t(PLACE_PATH_LABELS[key])}
      required={required}
      value={form[key]}
      error={errors[key]}
      inputMode={inputMode}
      onChange={(value) => setForm((f) => ({ ...f, [key]: value }))}
    />
  );

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setNotice(null);
    setConflict(false);
    const { payload, errors: clientErrors } = checkPlaceForm(form, t, place?.version);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length > 0) return;
    setSaving(true);
    try {
      if (place) {
        const saved = await api.patch<Place>(`/api/places/${place.id}`, payload);
        setPlace(saved);
        setForm(formFromPlace(saved));
        setNotice({ kind: 'success', text: t('form.saved') });
      } else {
        const created = await api.post<Place>('/api/places', payload);
        setFlash(t('place.created'));
        navigate(paths.place(created.id), { replace: true });
      }
    } catch (err) {
      const e = err as ApiError;
      if (e.status === 409) setConflict(true);
      else if (e.status === 400 && e.details.length > 0) setErrors(serverFieldErrors(e.details));
      else setNotice({ kind: 'error', text: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    if (!place || !window.confirm(t('form.deleteConfirm', { name: place.name }))) return;
    try {
      await api.delete(`/api/places/${place.id}?version=${place.version}`);
      setFlash(t('form.deleted', { name: place.name }));
      navigate(paths.places);
    } catch (err) {
      setNotice({ kind: 'error', text: errorMessage(err as ApiError) });
    }
  }

  return (
    <section aria-labelledby="page-title" className="form-page">
      <p className="breadcrumb">
        <Link href={paths.places}>{t('form.backToTable')}</Link>
      </p>
      <h1 id="page-title">{place ? t('place.editTitle', { name: place.name }) : t('place.createTitle')}</h1>
      {place && (
        <p className="meta">
          {t('form.version', { version: place.version, date: formatDateTime(place.updatedAt) })}
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
      <ErrorSummary
        errors={errors}
        labels={PLACE_PATH_LABELS}
        shownPaths={new Set(Object.keys(PLACE_PATH_LABELS))}
      />
      <form onSubmit={save} noValidate className="entity-form">
        <fieldset className="form-section">
          <legend>{t('form.basics')}</legend>
          {field('name', true)}
          {field('placeType')}
          <div className="field-row">
            {field('population', false, 'numeric')}
            {field('seasonalPopulation', false, 'numeric')}
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>{t('form.location')}</legend>
          <p className="hint">{t('form.locationHint')}</p>
          <div className="field-row">
            {field('lat', true, 'decimal')}
            {field('lon', true, 'decimal')}
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
          <Link href={paths.places} className="button button-secondary">
            {t('common.cancel')}
          </Link>
          {place && (
            <button type="button" className="button button-danger" onClick={remove}>
              {t('place.delete')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
