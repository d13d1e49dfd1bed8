/**
 * Reservkraft: genset facts and the load inventory (device library with overrides), the design
 * computed live in the browser with src/power, the server's own computation of the saved
 * version as confirmation, and the kravspecifikation as PDF and Markdown (SpecSection.tsx).
 */
import { useEffect, useMemo, useState } from 'react';
import type { PowerDesign } from '../../../../src/power/design.js';
import {
  CUSTOM_DEVICE_TYPE,
  DEVICE_CATEGORIES,
  DEVICE_CATEGORY_LABELS,
  DEVICE_LIBRARY,
  type LoadDeviceTypeId,
  listDeviceTypes,
} from '../../../../src/power/devices.js';
import { KALL_EXAMPLE_ITEMS } from '../../../../src/power/examples.js';
import { itemRunningKva, loadItemSchema, resolveLoadItem } from '../../../../src/power/load.js';
import { useApi } from '../../hooks.js';
import { Feedback } from '../components/Feedback.js';
import { FormActions } from '../components/FormActions.js';
import { StatusMark } from '../components/Indicators.js';
import {
  CheckboxField,
  DateField,
  ErrorList,
  fieldId,
  RadioGroup,
  SelectField,
  TextField,
} from '../fields.js';
import { fmt1, fmt2 } from '../format.js';
import { useHashTarget } from '../hash.js';
import { type SotKey, useSot } from '../i18n.js';
import { patchAt, removeAt } from '../list-rows.js';
import {
  checkPowerPatch,
  type ItemRow,
  itemFromRow,
  liveDesign,
  newItemRow,
  type PowerForm,
  powerFormFromPoint,
  rowFromItem,
} from '../model/power-form.js';
import { usePoint } from '../point-context.js';
import type { DesignView } from '../types.js';
import { sotApi } from '../urls.js';
import { bindFields } from '../use-form-state.js';
import { usePointForm } from '../use-point-form.js';
import { SpecSection } from './SpecSection.js';

const GENSET_LABELS: Record<string, SotKey> = {
  'genset.installed': 'pw.genset.installed',
  'genset.kva': 'pw.genset.kva',
  'genset.phases': 'pw.genset.phases',
  'genset.fuelTankLitres': 'pw.genset.fuelTankLitres',
  'genset.installedDate': 'pw.genset.installedDate',
  'genset.containerSize': 'pw.genset.containerSize',
  'genset.fuel': 'pw.genset.fuel',
  'genset.manufacturer': 'pw.genset.manufacturer',
  'genset.note': 'pw.genset.note',
};

export function PowerTab() {
  const { s, t } = useSot();
  const { point, reload } = usePoint();
  const editable = point.access.write;
  const { form, set: update, save, submit } = usePointForm(powerFormFromPoint, checkPowerPatch);
  const [adding, setAdding] = useState<LoadDeviceTypeId>('fridge_plugin');
  const e = save.errors;
  // The genset's facts are nested in the PATCH body, so the server names their errors by path.
  const gensetField = bindFields(form, update, e, { prefix: 'genset', errorsByPath: true });
  const setRow = (i: number, patch: Partial<ItemRow>) => update({ items: patchAt(form.items, i, patch) });
  const design = useMemo(() => liveDesign(form), [form]);
  const server = useApi<DesignView>(sotApi.part(point.id, 'design'));
  const { reload: reloadServer } = server;
  useHashTarget();

  // The server's design follows the saved version.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-fetch when the saved version changes
  useEffect(() => {
    reloadServer();
  }, [point.version]);

  const labelOf = (path: string): string | undefined => {
    const m = /^loadInventory\.items\.(\d+)\.?(.*)$/.exec(path);
    if (m) return `${s('pw.itemRow', { n: Number(m[1]) + 1 })}${m[2] ? ` (${m[2]})` : ''}`;
    const genset = GENSET_LABELS[path];
    if (genset) return s(genset);
    if (path === 'targetAutonomyHours') return s('pw.target');
    return undefined;
  };
  const hasSavedItems =
    Array.isArray((point.loadInventory as { items?: unknown[] } | null)?.items) &&
    ((point.loadInventory as { items: unknown[] }).items.length ?? 0) > 0;

  return (
    <div className="power-tab">
      <Feedback state={save} onReload={reload} />
      <ErrorList errors={e} labels={labelOf} idPrefix="power" />
      <form onSubmit={submit} noValidate className="entity-form power-form">
        <fieldset className="form-section" id="genset" disabled={!editable}>
          <legend>{s('pw.gensetTitle')}</legend>
          <CheckboxField
            path="genset.installed"
            label={s('pw.genset.installed')}
            checked={form.installed}
            error={e['genset.installed']}
            onChange={(installed) => update({ installed })}
          />
          <div className="field-row">
            <TextField
              {...gensetField('kva')}
              label={s('pw.genset.kva')}
              hint={s('pw.kvaHint')}
              inputMode="decimal"
            />
            <TextField
              {...gensetField('fuelTankLitres')}
              label={s('pw.genset.fuelTankLitres')}
              inputMode="decimal"
            />
            <TextField
              path="targetAutonomyHours"
              label={s('pw.target')}
              value={form.targetAutonomyHours}
              error={e.targetAutonomyHours}
              inputMode="decimal"
              onChange={(targetAutonomyHours) => update({ targetAutonomyHours })}
            />
          </div>
          <div className="field-row">
            <SelectField
              {...gensetField('phases')}
              label={s('pw.genset.phases')}
              emptyLabel={s('common.notSet')}
              options={[
                { value: '3', label: s('pw.phases3') },
                { value: '1', label: s('pw.phases1') },
              ]}
            />
            <SelectField
              {...gensetField('containerSize')}
              label={s('pw.genset.containerSize')}
              emptyLabel={s('common.notSet')}
              options={[
                { value: '10ft', label: s('pw.container10') },
                { value: '20ft', label: s('pw.container20') },
              ]}
            />
            <SelectField
              {...gensetField('fuel')}
              label={s('pw.genset.fuel')}
              emptyLabel={s('common.notSet')}
              options={[
                { value: 'diesel', label: s('pw.fuel.diesel') },
                { value: 'hvo100', label: s('pw.fuel.hvo100') },
                { value: 'other', label: s('pw.fuel.other') },
              ]}
            />
          </div>
          <div className="field-row">
            <DateField {...gensetField('installedDate')} label={s('pw.genset.installedDate')} />
            <TextField {...gensetField('manufacturer')} label={s('pw.genset.manufacturer')} />
          </div>
          <TextField
            path="genset.note"
            label={s('pw.genset.note')}
            value={form.gensetNote}
            error={e['genset.note']}
            rows={2}
            onChange={(gensetNote) => update({ gensetNote })}
          />
        </fieldset>

        <fieldset className="form-section" id="inventory" disabled={!editable}>
          <legend>{s('pw.inventoryTitle')}</legend>
          <p className="hint">{s('pw.inventoryHint')}</p>
          {e.loadInventory && <p className="field-error">{e.loadInventory}</p>}
          {form.items.length === 0 && <p>{s('pw.noItems')}</p>}
          <ol className="item-list">
            {form.items.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
              <li key={i}>
                <ItemEditor
                  index={i}
                  row={row}
                  errors={e}
                  editable={editable}
                  onChange={(patch) => setRow(i, patch)}
                  onRemove={() => update({ items: removeAt(form.items, i) })}
                />
              </li>
            ))}
          </ol>
          {editable && (
            <div className="add-device">
              <div className="field">
                <label htmlFor="add-device">{s('pw.addDeviceLabel')}</label>
                <DeviceSelect id="add-device" value={adding} onChange={setAdding} />
              </div>
              <button
                type="button"
                className="button button-small"
                onClick={() => update({ items: [...form.items, newItemRow(adding)] })}
              >
                {s('pw.addDevice')}
              </button>
              {form.items.length === 0 && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() =>
                    update({ items: KALL_EXAMPLE_ITEMS.map((i) => rowFromItem(loadItemSchema.parse(i))) })
                  }
                >
                  {s('pw.fillExample')}
                </button>
              )}
            </div>
          )}
          <SelectField
            path="loadInventory.heaterInContainer"
            label={s('pw.heaterInContainer')}
            value={form.heaterInContainer}
            error={e['loadInventory.heaterInContainer']}
            onChange={(v) => update({ heaterInContainer: v as PowerForm['heaterInContainer'] })}
            options={[
              { value: '', label: s('pw.heaterAuto') },
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
          />
          <RadioGroup
            path="loadInventory.fuelScope"
            label={s('pw.fuelScope')}
            value={form.fuelScope}
            error={e['loadInventory.fuelScope']}
            onChange={(v) => update({ fuelScope: v === 'all' ? 'all' : 'mustRun' })}
            options={[
              { value: 'mustRun', label: s('pw.fuelScopeMustRun') },
              { value: 'all', label: s('pw.fuelScopeAll') },
            ]}
          />
        </fieldset>

        <section className="design-results" aria-labelledby="design-title">
          <h3 id="design-title">{s('pw.resultsTitle')}</h3>
          <p className="hint">{s('pw.resultsHint')}</p>
          {design ? <DesignResults design={design} /> : <p>{s('pw.fixErrors')}</p>}
        </section>

        {editable && <FormActions saving={save.saving} />}
      </form>

      <section className="server-design" aria-labelledby="server-design-title">
        <h3 id="server-design-title">{s('pw.serverTitle')}</h3>
        <ServerDesign view={server.data} live={design} version={point.version} />
      </section>

      <SpecSection key={point.id} pointId={point.id} hasSavedItems={hasSavedItems} />
    </div>
  );
}

/** Library devices grouped by category, and `custom`. */
function DeviceSelect({
  id,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  value: LoadDeviceTypeId;
  onChange(value: LoadDeviceTypeId): void;
  describedBy?: string;
}) {
  const { s, l } = useSot();
  const devices = listDeviceTypes();
  return (
    <select
      id={id}
      value={value}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value as LoadDeviceTypeId)}
    >
      {DEVICE_CATEGORIES.map((cat) => (
        <optgroup key={cat} label={l(DEVICE_CATEGORY_LABELS[cat])}>
          {devices
            .filter((d) => d.category === cat)
            .map((d) => (
              <option key={d.id} value={d.id}>
                {l(d.label)}
              </option>
            ))}
        </optgroup>
      ))}
      <option value={CUSTOM_DEVICE_TYPE}>{s('pw.custom')}</option>
    </select>
  );
}

function ItemEditor({
  index,
  row,
  errors,
  editable,
  onChange,
  onRemove,
}: {
  index: number;
  row: ItemRow;
  errors: Record<string, string>;
  editable: boolean;
  onChange(patch: Partial<ItemRow>): void;
  onRemove(): void;
}) {
  const { s, l } = useSot();
  const base = `loadInventory.items.${index}`;
  const lib = row.deviceType === CUSTOM_DEVICE_TYPE ? null : DEVICE_LIBRARY[row.deviceType];
  const name = row.label.trim() || (lib ? l(lib.label) : s('pw.custom'));
  const parsed = loadItemSchema.safeParse(itemFromRow(row));
  const resolved = parsed.success ? resolveLoadItem(parsed.data, index) : null;
  const err = (key: string) => errors[`${base}.${key}`];
  const deviceId = fieldId(`${base}.deviceType`);
  const custom = row.deviceType === CUSTOM_DEVICE_TYPE;
  const keys = ['runningKw', 'powerFactor', 'startingMultiplier', 'dutyCycle', 'label'] as const;
  // Open when something in it is set or wrong, so nothing the user entered is hidden.
  const overridesOpen = custom || keys.some((k) => row[k].trim() !== '' || Boolean(err(k)));
  const labelField = (
    <TextField
      path={`${base}.label`}
      label={custom ? s('pw.labelCustom') : s('pw.labelOwn')}
      required={custom}
      value={row.label}
      error={err('label')}
      onChange={(label) => onChange({ label })}
    />
  );
  const override = (key: 'runningKw' | 'powerFactor' | 'startingMultiplier' | 'dutyCycle', label: string) => (
    <TextField
      path={`${base}.${key}`}
      label={label}
      hint={lib ? s('pw.libraryValue', { value: fmt2(lib[key]) }) : undefined}
      value={row[key]}
      error={err(key)}
      inputMode="decimal"
      onChange={(v) => onChange({ [key]: v })}
    />
  );
  return (
    <fieldset className="row-card item-card" data-device={row.deviceType}>
      <legend>{s('pw.itemLegend', { n: index + 1, name })}</legend>
      <div className={`field${err('deviceType') ? ' has-error' : ''}`}>
        <label htmlFor={deviceId}>{s('pw.device')}</label>
        <DeviceSelect
          id={deviceId}
          value={row.deviceType}
          onChange={(deviceType) => onChange({ deviceType })}
        />
      </div>
      <div className="field-row">
        <TextField
          path={`${base}.count`}
          label={s('pw.count')}
          required
          value={row.count}
          error={err('count')}
          inputMode="numeric"
          onChange={(count) => onChange({ count })}
        />
        <TextField
          path={`${base}.startGroup`}
          label={s('pw.startGroup')}
          hint={s('pw.startGroupHint')}
          value={row.startGroup}
          error={err('startGroup')}
          inputMode="numeric"
          onChange={(startGroup) => onChange({ startGroup })}
        />
      </div>
      {custom && labelField}
      <CheckboxField
        path={`${base}.mustRun`}
        label={s('pw.mustRun')}
        hint={s('pw.mustRunHint')}
        checked={row.mustRun}
        error={err('mustRun')}
        onChange={(mustRun) => onChange({ mustRun })}
      />
      <details className="overrides" open={overridesOpen}>
        <summary>{s('pw.overrides')}</summary>
        {!custom && labelField}
        <div className="field-row">
          {override('runningKw', s('pw.runningKw'))}
          {override('powerFactor', s('pw.powerFactor'))}
          {override('startingMultiplier', s('pw.startingMultiplier'))}
          {override('dutyCycle', s('pw.dutyCycle'))}
        </div>
      </details>
      <div className="item-foot">
        <p className="item-sum" data-item-kva={resolved ? itemRunningKva(resolved).toFixed(3) : ''}>
          {resolved
            ? s('pw.itemSum', {
                kw: fmt2(resolved.count * resolved.runningKw),
                kva: fmt2(itemRunningKva(resolved)),
                start: fmt2(resolved.startingMultiplier),
              })
            : s('pw.itemInvalid')}
        </p>
        {editable && (
          <button type="button" className="button button-small button-danger" onClick={onRemove}>
            {s('pw.removeItem', { name })}
          </button>
        )}
      </div>
    </fieldset>
  );
}

function Row({
  label,
  value,
  status,
  id,
}: {
  label: string;
  value: string;
  status?: 'met' | 'not_met';
  id?: string;
}) {
  return (
    <div className="details-row" data-result={id}>
      <dt>{label}</dt>
      <dd>
        {status && <StatusMark status={status} compact />} {value}
      </dd>
    </div>
  );
}

/** Load sums, genset size and check, container, fuel and autonomy, and warnings. */
function DesignResults({ design }: { design: PowerDesign }) {
  const { s, lang } = useSot();
  const m = design.loads.mustRun;
  const a = design.loads.all;
  const rec = design.recommendation;
  const g = design.genset;
  return (
    <>
      <dl className="details results">
        <Row
          id="runningKw"
          label={s('pw.res.running')}
          value={s('pw.res.kwKva', { kw: fmt1(m.runningKw), kva: fmt1(m.runningKva) })}
        />
        {a.runningKw > m.runningKw && (
          <Row
            id="runningAll"
            label={s('pw.res.runningAll')}
            value={s('pw.res.kwKva', { kw: fmt1(a.runningKw), kva: fmt1(a.runningKva) })}
          />
        )}
        <Row id="expectedKw" label={s('pw.res.expected')} value={`${fmt1(m.expectedKw)} kW`} />
        <Row id="startingKva" label={s('pw.res.starting')} value={`${fmt1(m.startingKva)} kVA`} />
        <Row
          id="recommended"
          label={s('pw.res.recommended')}
          value={
            rec.mustRun.recommendedKva === null
              ? s('pw.res.beyond', { kva: fmt1(rec.mustRun.requiredKva) })
              : s('pw.res.recommendedValue', {
                  kva: rec.mustRun.recommendedKva,
                  required: fmt1(rec.mustRun.requiredKva),
                  driver: s(`pw.driver.${rec.mustRun.driver}`),
                })
          }
        />
        {a.runningKw > m.runningKw && (
          <Row
            id="recommendedAll"
            label={s('pw.res.recommendedAll')}
            value={
              rec.all.recommendedKva === null
                ? s('pw.res.beyond', { kva: fmt1(rec.all.requiredKva) })
                : `${rec.all.recommendedKva} kVA`
            }
          />
        )}
        {g && (
          <Row
            id="genset"
            label={
              g.source === 'installed'
                ? s('pw.res.gensetInstalled', { kva: fmt1(g.kva) })
                : s('pw.res.gensetRecommended', { kva: fmt1(g.kva) })
            }
            status={g.mustRun.carriesRunning && g.mustRun.handlesStarting ? 'met' : 'not_met'}
            value={s('pw.res.gensetCheck', {
              use: fmt1(g.mustRun.utilisation * 100),
              headroom: fmt1(g.mustRun.headroomKw),
              current: fmt1(g.ratedCurrentA),
            })}
          />
        )}
        {design.container && (
          <Row
            id="container"
            label={s('pw.res.container')}
            value={`${design.container.size === '10ft' ? s('pw.container10') : s('pw.container20')}${
              design.container.reasons.length > 0
                ? ` (${design.container.reasons.map((r) => s(`pw.reason.${r}`)).join(', ')})`
                : ''
            }`}
          />
        )}
        {design.fuel && (
          <Row
            id="fuel"
            label={s('pw.res.fuel')}
            value={s('pw.res.fuelValue', {
              lph: fmt1(design.fuel.litresPerHour),
              kw: fmt1(design.fuel.loadKw),
              share: fmt1(design.fuel.loadFraction * 100),
              full: fmt1(design.fuel.fullLoadLitresPerHour),
            })}
          />
        )}
        {design.tank && (
          <Row
            id="tank"
            label={s('pw.res.tank')}
            value={`${fmt1(design.tank.litres)} l ${design.tank.source === 'sized' ? s('pw.res.tankSized') : ''}`}
          />
        )}
        {design.autonomy && (
          <Row
            id="autonomy"
            label={s('pw.res.autonomy')}
            status={design.autonomy.meetsTarget ? 'met' : 'not_met'}
            value={s('pw.res.autonomyValue', {
              hours: fmt1(design.autonomy.hours),
              target: fmt1(design.autonomy.targetHours),
            })}
          />
        )}
      </dl>
      {design.warnings.length > 0 && (
        <ul className="design-warnings" aria-label={s('pw.warnings')}>
          {design.warnings.map((w) => (
            <li key={w.code} className="notice notice-warning" data-warning={w.code}>
              {lang === 'en' ? w.en : w.sv}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What the server computed for the saved version, compared with the live numbers. */
function ServerDesign({
  view,
  live,
  version,
}: {
  view: DesignView | undefined;
  live: PowerDesign | null;
  version: number;
}) {
  const { s } = useSot();
  if (!view) return <p className="loading">{s('pw.serverLoading')}</p>;
  if (!view.design || view.design.items.length === 0) return <p>{s('pw.serverNone')}</p>;
  const f = view.facts;
  const same =
    live !== null &&
    live.recommendation.mustRun.recommendedKva === view.design.recommendation.mustRun.recommendedKva &&
    Math.abs(live.recommendation.mustRun.requiredKva - view.design.recommendation.mustRun.requiredKva) < 1e-6;
  return (
    <>
      <dl className="details results" data-server-version={version}>
        <Row
          label={s('pw.res.recommended')}
          value={`${f.recommendedKva ?? '–'} kVA (${s('pw.res.required', { kva: fmt1(f.requiredKva) })})`}
        />
        <Row
          label={s('pw.res.autonomy')}
          status={f.autonomyMet === null ? undefined : f.autonomyMet ? 'met' : 'not_met'}
          value={
            f.autonomyHours === null
              ? s('pw.serverNoTank')
              : s('pw.res.autonomyValue', { hours: fmt1(f.autonomyHours), target: fmt1(f.targetHours) })
          }
        />
        <Row
          label={s('pw.serverCoversFuel')}
          status={f.coversFuel ? 'met' : 'not_met'}
          value={f.coversFuel ? s('pw.serverCoversFuelYes') : s('pw.serverCoversFuelNo')}
        />
      </dl>
      <p className="server-match" data-match={same ? 'true' : 'false'}>
        {same ? s('pw.serverSame') : s('pw.serverDiffers')}
      </p>
    </>
  );
}
