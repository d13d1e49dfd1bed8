/**
 * Översikt: the linked store and fuel station (distance and the ≤ 300 m check), establishment
 * model, communication equipment, local functions and the activation procedure — as a summary
 * for everyone and a form for the point's editors — plus who else has access.
 */
import type { ReactNode } from 'react';
import {
  COMM_INDEPENDENT_DEFAULT,
  COMM_LABELS,
  COMM_TYPES,
  ESTABLISHMENT_LABELS,
  ESTABLISHMENT_MODELS,
  LOCAL_FUNCTION_LABELS,
  LOCAL_FUNCTIONS,
} from '../../../../src/sot/schemas.js';
import { Link } from '../../components/Link.js';
import { formatNumber } from '../../i18n.js';
import { paths } from '../../router.js';
import { Feedback } from '../components/Feedback.js';
import { FormActions } from '../components/FormActions.js';
import { StatusMark } from '../components/Indicators.js';
import { FuelPicker, StorePicker } from '../components/PointPickers.js';
import { DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate } from '../format.js';
import { useHashTarget } from '../hash.js';
import { useSot } from '../i18n.js';
import { patchAt, removeAt } from '../list-rows.js';
import { type CommRow, checkPointPatch, formFromPoint, type LocalFunctionRow } from '../model/point-form.js';
import { usePoint } from '../point-context.js';
import type { SotPoint } from '../types.js';
import { bindFields } from '../use-form-state.js';
import { usePointForm } from '../use-point-form.js';
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

/** The linked store or fuel station: a link to its registry page when the reader may open it. */
function LinkedName({ point }: { point: NonNullable<SotPoint['store']> }) {
  return point.readable ? (
    <Link href={paths.servicePoint(point.id)}>{point.name}</Link>
  ) : (
    <span>{point.name}</span>
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
              <LinkedName point={p.store} />
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
        <dd>{p.fuelStation ? <LinkedName point={p.fuelStation} /> : s('ov.noFuel')}</dd>
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
  const { point, reload } = usePoint();
  const { form, set: update, save, submit } = usePointForm(formFromPoint, checkPointPatch);
  const e = save.errors;
  const field = bindFields(form, update, e);

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
          <TextField {...field('name')} label={s('ov.name')} required />
          <SelectField
            {...field('establishmentModel')}
            label={s('ov.model')}
            emptyLabel={s('common.notSet')}
            options={ESTABLISHMENT_MODELS.map((m) => ({ value: m, label: l(ESTABLISHMENT_LABELS[m]) }))}
          />
          <TextField {...field('note')} label={s('ov.note')} rows={3} />
        </fieldset>

        <fieldset className="form-section" id="links">
          <legend>{s('ov.links')}</legend>
          <StorePicker value={form.store} error={e.storeId} onChange={(store) => update({ store })} />
          <TextField
            {...field('fuelMaxDistanceM')}
            label={s('ov.maxDistance')}
            hint={s('ov.maxDistanceHint')}
            inputMode="numeric"
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
          <RowList<CommRow>
            rows={form.communication}
            onChange={(communication) => update({ communication })}
            newRow={() => ({ type: 'rakel', count: '1', independent: '', note: '' })}
            addLabel={s('ov.addComm')}
            legend={(c, i) => s('ov.commRow', { n: i + 1, type: l(COMM_LABELS[c.type]) })}
            removeLabel={(c) => s('ov.removeRow', { what: l(COMM_LABELS[c.type]) })}
          >
            {(c, set, i) => {
              const base = `communication.${i}`;
              const byType = COMM_INDEPENDENT_DEFAULT[c.type];
              return (
                <>
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
                </>
              );
            }}
          </RowList>
        </fieldset>

        <fieldset className="form-section">
          <legend>{s('ov.localFunctions')}</legend>
          <RowList<LocalFunctionRow>
            rows={form.localFunctions}
            onChange={(localFunctions) => update({ localFunctions })}
            newRow={() => ({ type: 'heated_gathering_place', description: '' })}
            addLabel={s('ov.addFunction')}
            legend={(_, i) => s('ov.functionRow', { n: i + 1 })}
            removeLabel={(f) => s('ov.removeRow', { what: l(LOCAL_FUNCTION_LABELS[f.type]) })}
          >
            {(f, set, i) => (
              <>
                <SelectField
                  path={`localFunctions.${i}.type`}
                  label={s('ov.functionType')}
                  value={f.type}
                  error={e[`localFunctions.${i}.type`]}
                  onChange={(v) => set({ type: v as typeof f.type })}
                  options={LOCAL_FUNCTIONS.map((lf) => ({ value: lf, label: l(LOCAL_FUNCTION_LABELS[lf]) }))}
                />
                <TextField
                  path={`localFunctions.${i}.description`}
                  label={s('ov.functionDescription')}
                  hint={s('ov.functionHint')}
                  value={f.description}
                  error={e[`localFunctions.${i}.description`]}
                  onChange={(description) => set({ description })}
                />
              </>
            )}
          </RowList>
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
            {...field('minMembers')}
            label={s('ov.minMembers')}
            hint={s('ov.minMembersHint')}
            inputMode="numeric"
          />
        </fieldset>
        <FormActions saving={save.saving} />
      </form>
    </section>
  );
}

/**
 * A list edited in place (equipment, local functions): a card per row with its fields and its
 * Remove, then the Add button. Rows have no ids, so they are keyed and addressed by index.
 */
function RowList<R>({
  rows,
  onChange,
  newRow,
  addLabel,
  legend,
  removeLabel,
  children,
}: {
  rows: R[];
  onChange(rows: R[]): void;
  newRow(): R;
  addLabel: string;
  legend(row: R, index: number): string;
  removeLabel(row: R): string;
  /** A row's fields; `set` changes that row. */
  children(row: R, set: (patch: Partial<R>) => void, index: number): ReactNode;
}) {
  return (
    <>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
        <fieldset key={i} className="row-card">
          <legend>{legend(row, i)}</legend>
          {children(row, (patch) => onChange(patchAt(rows, i, patch)), i)}
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => onChange(removeAt(rows, i))}
          >
            {removeLabel(row)}
          </button>
        </fieldset>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...rows, newRow()])}>
        {addLabel}
      </button>
    </>
  );
}
