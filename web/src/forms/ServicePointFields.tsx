import { useMemo, useState } from 'react';
import type { ServiceKind } from '../../../src/shared/kinds.js';
import {
  FRESH_GROUPS,
  FUELS,
  PAYMENTS,
  STAFFING_MODELS,
  TURNOVER_BANDS,
} from '../../../src/shared/service-point.js';
import { useI18n } from '../i18n.js';
import { LocationPicker } from '../map/LocationPicker.js';
import { unionBBox, useSession } from '../session.js';
import { CheckboxGroup, RadioGroup, SelectField, TextField, YesNoField } from './fields.js';
import { attributeGroup, type ServicePointForm } from './service-point-model.js';
import type { FieldErrors } from './validation.js';

/**
 * Every control of the service-point form, grouped in fieldsets. The attribute fieldset changes
 * with the kind: grocery stores, fuel stations, or a free note for the other kinds.
 */
export function ServicePointFields({
  form,
  errors,
  onChange,
  kinds,
}: {
  form: ServicePointForm;
  errors: FieldErrors;
  onChange(patch: Partial<ServicePointForm>): void;
  kinds: readonly ServiceKind[];
}) {
  const { t, kind: kindLabel, label } = useI18n();
  const { territories } = useSession();
  const bbox = useMemo(() => unionBBox(territories.municipalities.map((m) => m.bbox)), [territories]);
  const [picking, setPicking] = useState(false);
  // Values from imports outside the known list (OSM codes) are shown too, so they can be seen and removed.
  const options = (prefix: string, known: readonly string[], current: readonly string[] = []) =>
    [...known, ...current.filter((v) => !known.includes(v))].map((value) => ({
      value,
      label: label(prefix, value),
    }));
  const group = attributeGroup(form.kind);

  return (
    <>
      <fieldset className="form-section">
        <legend>{t('form.basics')}</legend>
        <SelectField
          path="kind"
          label={t('sp.kind')}
          required
          value={form.kind}
          error={errors.kind}
          onChange={(v) => onChange({ kind: v as ServiceKind })}
          options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        <TextField
          path="name"
          label={t('sp.name')}
          required
          value={form.name}
          error={errors.name}
          onChange={(name) => onChange({ name })}
        />
        <TextField
          path="chain"
          label={t('sp.chain')}
          value={form.chain}
          error={errors.chain}
          onChange={(chain) => onChange({ chain })}
        />
        <TextField
          path="operatorName"
          label={t('sp.operatorName')}
          value={form.operatorName}
          error={errors.operatorName}
          onChange={(operatorName) => onChange({ operatorName })}
        />
        <div className="field-row">
          <TextField
            path="attributes.phone"
            label={t('attr.phone')}
            value={form.phone}
            error={errors['attributes.phone']}
            autoComplete="tel"
            onChange={(phone) => onChange({ phone })}
          />
          <TextField
            path="attributes.website"
            label={t('attr.website')}
            value={form.website}
            error={errors['attributes.website']}
            autoComplete="url"
            onChange={(website) => onChange({ website })}
          />
        </div>
        <TextField
          path="address"
          label={t('sp.address')}
          value={form.address}
          error={errors.address}
          autoComplete="street-address"
          onChange={(address) => onChange({ address })}
        />
        <div className="field-row">
          <TextField
            path="postcode"
            label={t('sp.postcode')}
            value={form.postcode}
            error={errors.postcode}
            inputMode="numeric"
            onChange={(postcode) => onChange({ postcode })}
          />
          <TextField
            path="city"
            label={t('sp.city')}
            value={form.city}
            error={errors.city}
            onChange={(city) => onChange({ city })}
          />
        </div>
        <TextField
          path="openingHours"
          label={t('sp.openingHours')}
          value={form.openingHours}
          error={errors.openingHours}
          hint="Mo-Fr 08:00-20:00; Sa 09:00-16:00"
          onChange={(openingHours) => onChange({ openingHours })}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.location')}</legend>
        <p className="hint">{t('form.locationHint')}</p>
        <div className="field-row">
          <TextField
            path="lat"
            label={t('sp.lat')}
            required
            value={form.lat}
            error={errors.lat}
            inputMode="decimal"
            onChange={(lat) => onChange({ lat })}
          />
          <TextField
            path="lon"
            label={t('sp.lon')}
            required
            value={form.lon}
            error={errors.lon}
            inputMode="decimal"
            onChange={(lon) => onChange({ lon })}
          />
        </div>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-expanded={picking}
          onClick={() => setPicking((v) => !v)}
        >
          {picking ? t('form.hideMap') : t('form.pickOnMap')}
        </button>
        {picking && (
          <LocationPicker
            lat={form.lat}
            lon={form.lon}
            bbox={bbox}
            onPick={(lat, lon) => onChange({ lat, lon })}
          />
        )}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.powerLegend')}</legend>
        <RadioGroup
          path="power.type"
          label={t('sp.power')}
          value={form.powerType}
          error={errors['power.type'] ?? errors.power}
          onChange={(v) => onChange({ powerType: v === 'backup' ? 'backup' : 'grid' })}
          options={[
            { value: 'grid', label: t('power.grid') },
            { value: 'backup', label: t('power.backup') },
          ]}
        />
        {form.powerType === 'backup' && (
          <div className="field-row">
            <TextField
              path="power.kva"
              label={t('power.kva')}
              value={form.kva}
              error={errors['power.kva']}
              inputMode="decimal"
              onChange={(kva) => onChange({ kva })}
            />
            <TextField
              path="power.fuelLitres"
              label={t('power.fuelLitres')}
              value={form.fuelLitres}
              error={errors['power.fuelLitres']}
              inputMode="decimal"
              onChange={(fuelLitres) => onChange({ fuelLitres })}
            />
            <SelectField
              path="power.fuel"
              label={t('power.fuel')}
              value={form.powerFuel}
              error={errors['power.fuel']}
              emptyLabel={t('common.unknown')}
              onChange={(powerFuel) => onChange({ powerFuel })}
              options={options('fuel', FUELS, form.powerFuel ? [form.powerFuel] : [])}
            />
          </div>
        )}
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('form.attributes', { kind: kindLabel(form.kind).toLowerCase() })}</legend>
        {errors.attributes && <p className="field-error">{errors.attributes}</p>}
        <YesNoField
          path="attributes.yearRound"
          label={t('attr.yearRound')}
          value={form.yearRound}
          error={errors['attributes.yearRound']}
          onChange={(yearRound) => onChange({ yearRound })}
        />
        {group === 'grocery' && (
          <>
            <TextField
              path="attributes.assortmentArticles"
              label={t('attr.assortmentArticles')}
              value={form.assortmentArticles}
              error={errors['attributes.assortmentArticles']}
              inputMode="numeric"
              onChange={(assortmentArticles) => onChange({ assortmentArticles })}
            />
            <CheckboxGroup
              path="attributes.freshGroups"
              label={t('attr.freshGroups')}
              values={form.freshGroups}
              error={errors['attributes.freshGroups']}
              onChange={(freshGroups) => onChange({ freshGroups })}
              options={options('fresh', FRESH_GROUPS, form.freshGroups)}
            />
            <YesNoField
              path="attributes.fixedPremises"
              label={t('attr.fixedPremises')}
              value={form.fixedPremises}
              error={errors['attributes.fixedPremises']}
              onChange={(fixedPremises) => onChange({ fixedPremises })}
            />
            <SelectField
              path="attributes.turnoverBand"
              label={t('attr.turnoverBand')}
              value={form.turnoverBand}
              error={errors['attributes.turnoverBand']}
              emptyLabel={t('common.unknown')}
              onChange={(turnoverBand) => onChange({ turnoverBand })}
              options={options('turnover', TURNOVER_BANDS)}
            />
            <SelectField
              path="attributes.staffingModel"
              label={t('attr.staffingModel')}
              value={form.staffingModel}
              error={errors['attributes.staffingModel']}
              emptyLabel={t('common.unknown')}
              onChange={(staffingModel) => onChange({ staffingModel })}
              options={options('staffing', STAFFING_MODELS)}
            />
          </>
        )}
        {group === 'fuel' && (
          <CheckboxGroup
            path="attributes.fuels"
            label={t('attr.fuels')}
            values={form.fuels}
            error={errors['attributes.fuels']}
            onChange={(fuels) => onChange({ fuels })}
            options={options('fuel', FUELS, form.fuels)}
          />
        )}
        {group !== 'grocery' && (
          <>
            <YesNoField
              path="attributes.staffed"
              label={t('attr.staffed')}
              value={form.staffed}
              error={errors['attributes.staffed']}
              onChange={(staffed) => onChange({ staffed })}
            />
            <CheckboxGroup
              path="attributes.payment"
              label={t('attr.payment')}
              values={form.payment}
              error={errors['attributes.payment']}
              onChange={(payment) => onChange({ payment })}
              options={options('payment', PAYMENTS, form.payment)}
            />
            <YesNoField
              path="attributes.cardOnly"
              label={t('attr.cardOnly')}
              value={form.cardOnly}
              error={errors['attributes.cardOnly']}
              onChange={(cardOnly) => onChange({ cardOnly })}
            />
          </>
        )}
        <TextField
          path="attributes.note"
          label={t('attr.note')}
          value={form.note}
          error={errors['attributes.note']}
          rows={3}
          onChange={(note) => onChange({ note })}
        />
        <OtherAttributes attributes={form.otherAttributes} />
      </fieldset>
    </>
  );
}

/** Attributes the form does not edit, shown read-only so nobody wonders where they went. */
function OtherAttributes({ attributes }: { attributes: Record<string, unknown> }) {
  const { t } = useI18n();
  const entries = Object.entries(attributes);
  if (entries.length === 0) return null;
  return (
    <div className="other-attributes">
      <p className="other-attributes-title">{t('attr.other')}</p>
      <dl>
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
