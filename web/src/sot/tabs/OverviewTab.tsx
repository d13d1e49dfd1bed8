/**
 * Översikt: the linked store and fuel station (distance and the ≤ 300 m check), establishment
 * model, communication equipment, local functions and the activation procedure — as a summary
 * for everyone and a form for the point's editors — plus who else has access.
 */
import { useState } from 'react';
import {
  COMM_INDEPENDENT_DEFAULT,
  COMM_LABELS,
  COMM_TYPES,
  ESTABLISHMENT_LABELS,
  ESTABLISHMENT_MODELS,
  LOCAL_FUNCTION_LABELS,
  LOCAL_FUNCTIONS,
} from '../../../../src/sot/schemas.js';
import { api } from '../../api.js';
import { Link } from '../../components/Link.js';
import { formatNumber } from '../../i18n.js';
import { paths } from '../../router.js';
import { Feedback } from '../components/Feedback.js';
import { StatusMark } from '../components/Indicators.js';
import { FuelPicker, StorePicker } from '../components/PointPickers.js';
import { DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate } from '../format.js';
import { useHashTarget } from '../hash.js';
import { useSot } from '../i18n.js';
import { checkPointPatch, formFromPoint, type PointForm } from '../model/point-form.js';
import { usePoint } from '../point-context.js';
import { useSave } from '../save.js';
import type { SotPoint } from '../types.js';
import { sotApi } from '../urls.js';
import { zodErrors } from '../validation.js';
import { AccessSection } from './AccessSection.js';

export function OverviewTab() {
  const { point } = usePoint();
  useHashTarget();
  return (
    <>
      <Summary point={point} />
      {point.access.write && <OverviewForm />}
      <AccessSection />
    </>
  );
}

function Summary({ point }: { point: SotPoint }) {
  const { s, l, kind } = useSot();
  const p = point;
  const within = p.fuelWithinLimit;
  return (
    <dl className="details sot-details">
      <div className="details-row">
        <dt>{s('ov.store')}</dt>
        <dd>
          {p.store ? (
            <>
              <Link href={paths.servicePoint(p.store.id)}>{p.store.name}</Link>
              <span className="cell-meta">
                {' '}
                {[kind(p.store.kind), p.store.address, p.store.city].filter(Boolean).join(', ')}
              </span>
            </>
          ) : (
            s('ov.noStore')
          )}
        </dd>
      </div>
      <div className="details-row">
        <dt>{s('ov.fuel')}</dt>
        <dd>
          {p.fuelStation ? (
            <Link href={paths.servicePoint(p.fuelStation.id)}>{p.fuelStation.name}</Link>
          ) : (
            s('ov.noFuel')
          )}
        </dd>
      </div>
      <div className="details-row">
        <dt>{s('ov.distance')}</dt>
        <dd data-fuel-within={within === null ? 'unknown' : String(within)}>
          {p.fuelDistanceM === null ? (
            s('ov.distanceUnknown')
          ) : (
            <>
              {s('pick.distance', { m: formatNumber(Math.round(p.fuelDistanceM)) })}{' '}
              <StatusMark status={within ? 'met' : 'not_met'} compact />{' '}
              {within
                ? s('pick.within', { max: formatNumber(p.fuelMaxDistanceM) })
                : s('pick.beyond', { max: formatNumber(p.fuelMaxDistanceM) })}
            </>
          )}
        </dd>
      </div>
      <div className="details-row">
        <dt>{s('ov.model')}</dt>
        <dd>{p.establishmentModel ? l(ESTABLISHMENT_LABELS[p.establishmentModel]) : s('common.notSet')}</dd>
      </div>
      <div className="details-row">
        <dt>{s('ov.communication')}</dt>
        <dd>
          {p.communication.length === 0 ? (
            s('common.noneRegistered')
          ) : (
            <ul className="plain-list">
              {p.communication.map((c, i) => {
                const type = c.type ?? 'other';
                const independent = c.independent ?? COMM_INDEPENDENT_DEFAULT[type];
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: equipment rows have no id
                  <li key={i}>
                    {c.count ?? 1} × {l(COMM_LABELS[type])}
                    {type !== 'notice_board' && (
                      <span className="cell-meta">
                        {' '}
                        ({independent ? s('ov.independent') : s('ov.notIndependent')})
                      </span>
                    )}
                    {c.note && <span className="cell-meta"> – {c.note}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
      </div>
      <div className="details-row">
        <dt>{s('ov.localFunctions')}</dt>
        <dd>
          {p.localFunctions.length === 0 ? (
            s('common.noneRegistered')
          ) : (
            <ul className="plain-list">
              {p.localFunctions.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: function rows have no id
                <li key={i}>
                  {l(LOCAL_FUNCTION_LABELS[f.type ?? 'other'])}
                  {f.description && <span className="cell-meta"> – {f.description}</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="details-row">
        <dt>{s('ov.activation')}</dt>
        <dd>
          {p.activation?.text || p.activation?.documentRef ? (
            <>
              {p.activation.text && <p className="preline">{p.activation.text}</p>}
              {p.activation.documentRef && (
                <p>
                  {s('ov.activationRef')}: {p.activation.documentRef}
                </p>
              )}
              {p.activation.lastReviewed && (
                <p className="cell-meta">
                  {s('ov.activationReviewed', { date: formatDate(p.activation.lastReviewed) })}
                </p>
              )}
            </>
          ) : (
            s('ov.noActivation')
          )}
        </dd>
      </div>
      {p.note && (
        <div className="details-row">
          <dt>{s('ov.note')}</dt>
          <dd className="preline">{p.note}</dd>
        </div>
      )}
    </dl>
  );
}

function OverviewForm() {
  const { s, l, t } = useSot();
  const { point, setPoint, reload } = usePoint();
  const [form, setForm] = useState<PointForm>(() => formFromPoint(point));
  const save = useSave();
  const update = (patch: Partial<PointForm>) => setForm((f) => ({ ...f, ...patch }));
  const e = save.errors;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const { body, result } = checkPointPatch(form, point.version);
    const clientErrors = result.success ? {} : zodErrors(result.error.issues, t);
    await save.run(
      async () => setPoint(await api.patch<SotPoint>(sotApi.point(point.id), body)),
      t('form.saved'),
      clientErrors,
    );
  }

  const labels: Record<string, string> = {
    name: s('ov.name'),
    storeId: s('pick.store'),
    fuelStationId: s('pick.fuel'),
    fuelMaxDistanceM: s('ov.maxDistance'),
    minMembers: s('ov.minMembers'),
    establishmentModel: s('ov.model'),
    communication: s('ov.communication'),
    localFunctions: s('ov.localFunctions'),
    activation: s('ov.activation'),
    note: s('ov.note'),
  };
  const labelOf = (path: string) => labels[path] ?? labels[path.split('.')[0]];

  return (
    <section aria-labelledby="overview-edit" className="sot-form-section">
      <h3 id="overview-edit">{s('ov.edit')}</h3>
      <Feedback state={save} onReload={reload} />
      <ErrorList errors={e} labels={labelOf} idPrefix="overview" />
      <form onSubmit={submit} noValidate className="entity-form">
        <fieldset className="form-section">
          <legend>{t('form.basics')}</legend>
          <TextField
            path="name"
            label={s('ov.name')}
            required
            value={form.name}
            error={e.name}
            onChange={(name) => update({ name })}
          />
          <SelectField
            path="establishmentModel"
            label={s('ov.model')}
            value={form.establishmentModel}
            error={e.establishmentModel}
            emptyLabel={s('common.notSet')}
            onChange={(v) => update({ establishmentModel: v as PointForm['establishmentModel'] })}
            options={ESTABLISHMENT_MODELS.map((m) => ({ value: m, label: l(ESTABLISHMENT_LABELS[m]) }))}
          />
          <TextField
            path="note"
            label={s('ov.note')}
            value={form.note}
            error={e.note}
            rows={3}
            onChange={(note) => update({ note })}
          />
        </fieldset>

        <fieldset className="form-section" id="links">
          <legend>{s('ov.links')}</legend>
          <StorePicker value={form.store} error={e.storeId} onChange={(store) => update({ store })} />
          <TextField
            path="fuelMaxDistanceM"
            label={s('ov.maxDistance')}
            hint={s('ov.maxDistanceHint')}
            value={form.fuelMaxDistanceM}
            error={e.fuelMaxDistanceM}
            inputMode="numeric"
            onChange={(fuelMaxDistanceM) => update({ fuelMaxDistanceM })}
          />
          <FuelPicker
            store={form.store}
            value={form.fuel}
            error={e.fuelStationId}
            maxDistanceM={
              Number(form.fuelMaxDistanceM) > 0 ? Number(form.fuelMaxDistanceM) : point.fuelMaxDistanceM
            }
            onChange={(fuel) => update({ fuel })}
          />
        </fieldset>

        <fieldset className="form-section" id="communication">
          <legend>{s('ov.communication')}</legend>
          <p className="hint">{s('ov.communicationHint')}</p>
          {e.communication && <p className="field-error">{e.communication}</p>}
          {form.communication.map((c, i) => {
            const base = `communication.${i}`;
            const byType = COMM_INDEPENDENT_DEFAULT[c.type];
            const set = (patch: Partial<typeof c>) =>
              update({ communication: form.communication.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
              <fieldset key={i} className="row-card">
                <legend>{s('ov.commRow', { n: i + 1, type: l(COMM_LABELS[c.type]) })}</legend>
                <div className="field-row">
                  <SelectField
                    path={`${base}.type`}
                    label={s('ov.commType')}
                    value={c.type}
                    error={e[`${base}.type`]}
                    onChange={(v) => set({ type: v as typeof c.type })}
                    options={COMM_TYPES.map((ct) => ({ value: ct, label: l(COMM_LABELS[ct]) }))}
                  />
                  <TextField
                    path={`${base}.count`}
                    label={s('ov.count')}
                    value={c.count}
                    error={e[`${base}.count`]}
                    inputMode="numeric"
                    onChange={(count) => set({ count })}
                  />
                  {c.type !== 'notice_board' && (
                    <SelectField
                      path={`${base}.independent`}
                      label={s('ov.independentLabel')}
                      value={c.independent}
                      error={e[`${base}.independent`]}
                      onChange={(v) => set({ independent: v as typeof c.independent })}
                      options={[
                        {
                          value: '',
                          label: s('ov.independentByType', {
                            value: byType ? t('common.yes') : t('common.no'),
                          }),
                        },
                        { value: 'true', label: t('common.yes') },
                        { value: 'false', label: t('common.no') },
                      ]}
                    />
                  )}
                </div>
                <TextField
                  path={`${base}.note`}
                  label={s('ov.rowNote')}
                  value={c.note}
                  error={e[`${base}.note`]}
                  onChange={(note) => set({ note })}
                />
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => update({ communication: form.communication.filter((_, j) => j !== i) })}
                >
                  {s('ov.removeRow', { what: l(COMM_LABELS[c.type]) })}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              update({
                communication: [
                  ...form.communication,
                  { type: 'rakel', count: '1', independent: '', note: '' },
                ],
              })
            }
          >
            {s('ov.addComm')}
          </button>
        </fieldset>

        <fieldset className="form-section">
          <legend>{s('ov.localFunctions')}</legend>
          {form.localFunctions.map((f, i) => {
            const base = `localFunctions.${i}`;
            const set = (patch: Partial<typeof f>) =>
              update({
                localFunctions: form.localFunctions.map((x, j) => (j === i ? { ...x, ...patch } : x)),
              });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
              <fieldset key={i} className="row-card">
                <legend>{s('ov.functionRow', { n: i + 1 })}</legend>
                <SelectField
                  path={`${base}.type`}
                  label={s('ov.functionType')}
                  value={f.type}
                  error={e[`${base}.type`]}
                  onChange={(v) => set({ type: v as typeof f.type })}
                  options={LOCAL_FUNCTIONS.map((lf) => ({ value: lf, label: l(LOCAL_FUNCTION_LABELS[lf]) }))}
                />
                <TextField
                  path={`${base}.description`}
                  label={s('ov.functionDescription')}
                  hint={s('ov.functionHint')}
                  value={f.description}
                  error={e[`${base}.description`]}
                  onChange={(description) => set({ description })}
                />
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => update({ localFunctions: form.localFunctions.filter((_, j) => j !== i) })}
                >
                  {s('ov.removeRow', { what: l(LOCAL_FUNCTION_LABELS[f.type]) })}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              update({
                localFunctions: [...form.localFunctions, { type: 'heated_gathering_place', description: '' }],
              })
            }
          >
            {s('ov.addFunction')}
          </button>
        </fieldset>

        <fieldset className="form-section" id="activation">
          <legend>{s('ov.activation')}</legend>
          <p className="hint">{s('ov.activationHint')}</p>
          {e.activation && <p className="field-error">{e.activation}</p>}
          <TextField
            path="activation.text"
            label={s('ov.activationText')}
            value={form.activationText}
            error={e['activation.text']}
            rows={5}
            onChange={(activationText) => update({ activationText })}
          />
          <TextField
            path="activation.documentRef"
            label={s('ov.activationRef')}
            hint={s('ov.activationRefHint')}
            value={form.activationRef}
            error={e['activation.documentRef']}
            onChange={(activationRef) => update({ activationRef })}
          />
          <DateField
            path="activation.lastReviewed"
            label={s('ov.activationReviewedLabel')}
            value={form.activationReviewed}
            error={e['activation.lastReviewed']}
            onChange={(activationReviewed) => update({ activationReviewed })}
          />
          <TextField
            path="minMembers"
            label={s('ov.minMembers')}
            hint={s('ov.minMembersHint')}
            value={form.minMembers}
            error={e.minMembers}
            inputMode="numeric"
            onChange={(minMembers) => update({ minMembers })}
          />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.saving}>
            {save.saving ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
