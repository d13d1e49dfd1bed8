/**
 * One place (locality): create/edit form for editors, read-only summary for everyone else. The
 * load/save frame is shared with service points (./RegistryItemPage.tsx).
 */
import { placeTypeLabel, placeTypeOptions } from '../../../src/shared/place-types.js';
import { Link } from '../components/Link.js';
import { SelectField, TextField } from '../forms/fields.js';
import {
  checkPlaceForm,
  emptyPlaceForm,
  formFromPlace,
  PLACE_PATH_LABELS,
  type PlaceForm,
} from '../forms/place-model.js';
import { formatDateTime, formatNumber, useI18n } from '../i18n.js';
import { paths } from '../router.js';
import type { Place } from '../types.js';
import { RegistryEditorFrame, RegistryItemPage, useRegistryEditor } from './RegistryItemPage.js';

/** The page at `/orter/:id` or `/orter/ny`. */
export function PlacePage({ id }: { id: number | 'new' }) {
  const { t } = useI18n();
  return (
    <RegistryItemPage<Place>
      id={id}
      apiPath="/api/places"
      listHref={paths.places}
      createTitle={t('place.createTitle')}
      loadingTitle={t('place.name')}
      details={(place) => <PlaceDetails place={place} />}
      editor={(place) => <PlaceEditor place={place} />}
    />
  );
}

function PlaceDetails({ place }: { place: Place }) {
  const { t, lang } = useI18n();
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
            [t('place.placeType'), placeTypeLabel(lang, place.placeType)],
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

const SHOWN_PATHS = new Set(Object.keys(PLACE_PATH_LABELS));

function PlaceEditor({ place: initial }: { place: Place | null }) {
  const { t, lang } = useI18n();
  const editor = useRegistryEditor<Place, PlaceForm>({
    initial,
    apiPath: '/api/places',
    emptyForm: emptyPlaceForm,
    toForm: formFromPlace,
    check: (form, version) => checkPlaceForm(form, t, version),
    createdMessage: t('place.created'),
    itemHref: paths.place,
    listHref: paths.places,
  });
  const { item: place, form, setForm, errors } = editor;
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

  return (
    <RegistryEditorFrame
      editor={editor}
      title={place ? t('place.editTitle', { name: place.name }) : t('place.createTitle')}
      meta={place && t('form.version', { version: place.version, date: formatDateTime(place.updatedAt) })}
      labels={PLACE_PATH_LABELS}
      shownPaths={SHOWN_PATHS}
      deleteLabel={t('place.delete')}
    >
      <fieldset className="form-section">
        <legend>{t('form.basics')}</legend>
        {field('name', true)}
        {/* No empty choice: a place without a type is stored as "locality" anyway. The stored
            type, if it is not a known one, stays on the list so saving does not change it. */}
        <SelectField
          path="placeType"
          label={t(PLACE_PATH_LABELS.placeType)}
          value={form.placeType}
          error={errors.placeType}
          options={placeTypeOptions(lang, form.placeType)}
          onChange={(placeType) => setForm((f) => ({ ...f, placeType }))}
        />
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
    </RegistryEditorFrame>
  );
}
