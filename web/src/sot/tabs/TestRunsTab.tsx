/**
 * Provkörning: whether the generator's test runs are on schedule (MSB: 4 h a month, 12 h at
 * full load once a year), the operator's log form — large, touch-friendly fields that work at
 * 390 px — the run history, and the maintenance log.
 */
import { stockholmDate } from '../../../../src/sot/dates.js';
import { MAINTENANCE_LABELS, MAINTENANCE_TYPES } from '../../../../src/sot/schemas.js';
import { api } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { Notice } from '../../components/Notice.js';
import { useApi } from '../../hooks.js';
import { Feedback } from '../components/Feedback.js';
import { FormActions } from '../components/FormActions.js';
import { StatusMark } from '../components/Indicators.js';
import { DeleteButton } from '../components/ItemButtons.js';
import { CheckboxField, DateField, ErrorList, RadioGroup, SelectField, TextField } from '../fields.js';
import { fmt1, formatDate } from '../format.js';
import { useSot } from '../i18n.js';
import {
  checkMaintenance,
  checkSchedule,
  checkTestRun,
  emptyTestRun,
  type MaintenanceForm,
  type ScheduleForm,
  type TestRunForm,
} from '../model/log-forms.js';
import { usePoint } from '../point-context.js';
import { useSave } from '../save.js';
import type { Items, Maintenance, SotPoint, TestRunLog } from '../types.js';
import { sotApi } from '../urls.js';
import { useDeleteItem } from '../use-delete-item.js';
import { bindFields, useFormState } from '../use-form-state.js';
import { prefixErrors, zodErrors } from '../validation.js';

export function TestRunsTab() {
  const { s } = useSot();
  const { point } = usePoint();
  const log = useApi<TestRunLog>(sotApi.part(point.id, 'test-runs'));
  const maintenance = useApi<Items<Maintenance>>(sotApi.part(point.id, 'maintenance'));
  return (
    <div className="test-runs">
      <LoadState loading={log.loading && !log.data} error={log.error} onRetry={log.reload} />
      {log.data && <ScheduleStatusView log={log.data} />}
      {point.access.log && <TestRunLogForm onLogged={log.reload} />}
      <h3>{s('tr.history')}</h3>
      {log.data && <RunHistory log={log.data} onChanged={log.reload} />}
      <h3>{s('mt.title')}</h3>
      {point.access.log && <MaintenanceLogForm onLogged={maintenance.reload} />}
      <LoadState
        loading={maintenance.loading && !maintenance.data}
        error={maintenance.error}
        onRetry={maintenance.reload}
      />
      {maintenance.data && <MaintenanceList items={maintenance.data.items} onChanged={maintenance.reload} />}
      {point.access.write && <ScheduleEditor onSaved={log.reload} />}
    </div>
  );
}

function ScheduleStatusView({ log }: { log: TestRunLog }) {
  const { s } = useSot();
  const { point } = usePoint();
  const st = log.status;
  const due = (x: 'ok' | 'due' | 'overdue' | 'not_applicable') =>
    x === 'ok' ? 'met' : x === 'overdue' ? 'not_met' : 'unknown';
  if (st.monthly.status === 'not_applicable' && st.yearly.status === 'not_applicable')
    return <p className="notice">{s('tr.notInstalled')}</p>;
  return (
    <section aria-labelledby="schedule-title" className="schedule-status" data-overdue={String(st.overdue)}>
      <h3 id="schedule-title" className="visually-hidden">
        {s('tr.schedule')}
      </h3>
      {point.genset.installed && !point.genset.installedDate && (
        <p className="hint">{s('tr.noInstalledDate')}</p>
      )}
      {st.overdue && (
        <Notice kind="error">
          <strong>{s('tr.overdue')}</strong>
        </Notice>
      )}
      <dl className="details compact-details">
        <div className="details-row">
          <dt>{s('tr.monthly', { hours: fmt1(st.monthly.requiredHours) })}</dt>
          <dd data-monthly={st.monthly.status}>
            <StatusMark status={due(st.monthly.status)} compact />{' '}
            {s('tr.monthlyValue', {
              done: fmt1(st.monthly.hoursThisMonth),
              required: fmt1(st.monthly.requiredHours),
            })}
            {st.monthly.dueDate && ` · ${s('tr.dueBy', { date: formatDate(st.monthly.dueDate) })}`}
            {st.monthly.overdueSince &&
              ` · ${s('tr.overdueSince', { date: formatDate(st.monthly.overdueSince) })}`}
          </dd>
        </div>
        <div className="details-row">
          <dt>{s('tr.yearly', { hours: fmt1(st.yearly.requiredHours) })}</dt>
          <dd data-yearly={st.yearly.status}>
            <StatusMark status={due(st.yearly.status)} compact />{' '}
            {st.yearly.lastFullLoadDate
              ? s('tr.yearlyValue', { date: formatDate(st.yearly.lastFullLoadDate) })
              : s('tr.noFullLoad')}
            {st.yearly.dueDate && ` · ${s('tr.dueBy', { date: formatDate(st.yearly.dueDate) })}`}
            {st.yearly.overdueSince &&
              ` · ${s('tr.overdueSince', { date: formatDate(st.yearly.overdueSince) })}`}
          </dd>
        </div>
        <div className="details-row">
          <dt>{s('tr.lastRun')}</dt>
          <dd>{formatDate(st.lastRunDate)}</dd>
        </div>
      </dl>
    </section>
  );
}

function TestRunLogForm({ onLogged }: { onLogged(): void }) {
  const { s, t } = useSot();
  const { point, refreshChecklist } = usePoint();
  const today = stockholmDate();
  const { form, set, setForm } = useFormState<TestRunForm>(() => emptyTestRun(today));
  const save = useSave();
  const e = save.errors;
  const field = bindFields(form, set, e, { prefix: 'run' });
  const labels: Record<string, string> = {
    date: s('tr.date'),
    durationHours: s('tr.duration'),
    loadPercent: s('tr.loadPercent'),
    loadKw: s('tr.loadKw'),
    fuelUsedLitres: s('tr.fuel'),
    passed: s('tr.result'),
    problems: s('tr.problems'),
  };
  return (
    <section aria-labelledby="log-title" className="sot-form-section touch-form">
      <h3 id="log-title">{s('tr.logTitle')}</h3>
      <Feedback state={save} />
      <ErrorList errors={prefixErrors(e, 'run')} labels={(path) => labels[path.slice(4)]} idPrefix="run" />
      <form
        noValidate
        className="entity-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const { body, result } = checkTestRun(form);
          const errors = result.success
            ? {}
            : zodErrors(result.error.issues, t, (path) =>
                path === 'passed'
                  ? form.passed === ''
                  : path === 'durationHours'
                    ? !form.durationHours.trim()
                    : false,
              );
          const ok = await save.run(
            () => api.post(sotApi.part(point.id, 'test-runs'), body),
            s('tr.logged'),
            errors,
          );
          if (ok) {
            setForm(emptyTestRun(today));
            onLogged();
            refreshChecklist();
          }
        }}
      >
        <DateField {...field('date')} label={s('tr.date')} max={today} />
        <TextField
          {...field('durationHours')}
          label={s('tr.duration')}
          required
          hint={s('tr.durationHint')}
          inputMode="decimal"
        />
        <RadioGroup
          {...field('passed')}
          label={s('tr.result')}
          options={[
            { value: 'true', label: s('tr.passed') },
            { value: 'false', label: s('tr.failed') },
          ]}
        />
        <CheckboxField
          path="run.fullLoad"
          label={s('tr.fullLoad')}
          hint={s('tr.fullLoadHint')}
          checked={form.fullLoad}
          error={e.fullLoad}
          onChange={(fullLoad) => set({ fullLoad })}
        />
        <div className="field-row">
          <TextField {...field('loadPercent')} label={s('tr.loadPercent')} inputMode="decimal" />
          <TextField {...field('fuelUsedLitres')} label={s('tr.fuel')} inputMode="decimal" />
        </div>
        <TextField {...field('problems')} label={s('tr.problems')} hint={s('tr.problemsHint')} rows={3} />
        <FormActions
          saving={save.saving}
          label={s('tr.submit')}
          buttonClass="button button-primary button-wide"
        />
      </form>
    </section>
  );
}

function RunHistory({ log, onChanged }: { log: TestRunLog; onChanged(): void }) {
  const { s } = useSot();
  const { point, refreshChecklist } = usePoint();
  const remove = useDeleteItem();
  if (log.runs.length === 0) return <p>{s('tr.none')}</p>;
  return (
    <>
      <Feedback state={remove.state} />
      <ul className="sot-card-list run-list">
        {log.runs.map((r) => (
          <li
            key={r.id}
            className={`sot-card run-card ${r.passed ? 'run-passed' : 'run-failed'}`}
            data-run-id={r.id}
          >
            <p className="run-head">
              <strong>{formatDate(r.date)}</strong> · {s('tr.hours', { hours: fmt1(r.durationHours) })} ·{' '}
              <StatusMark status={r.passed ? 'met' : 'not_met'} compact />{' '}
              {r.passed ? s('tr.passed') : s('tr.failed')}
              {r.fullLoad && ` · ${s('tr.fullLoadShort')}`}
            </p>
            <p className="cell-meta">
              {[
                r.loadPercent !== null ? s('tr.loadValue', { percent: fmt1(r.loadPercent) }) : null,
                r.loadKw !== null ? `${fmt1(r.loadKw)} kW` : null,
                r.fuelUsedLitres !== null ? s('tr.fuelValue', { litres: fmt1(r.fuelUsedLitres) }) : null,
                r.username ? s('tr.by', { user: r.username }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            {r.problems && <p className="preline">{r.problems}</p>}
            {point.access.write && (
              <DeleteButton
                name={r.date}
                onClick={async () => {
                  const deleted = await remove.deleteItem({
                    part: 'test-runs',
                    id: r.id,
                    confirm: s('tr.deleteConfirm', { date: r.date }),
                    success: s('common.deleted'),
                  });
                  if (deleted) {
                    onChanged();
                    refreshChecklist();
                  }
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function MaintenanceLogForm({ onLogged }: { onLogged(): void }) {
  const { s, l, t } = useSot();
  const { point } = usePoint();
  const today = stockholmDate();
  const { form, set, setForm } = useFormState<MaintenanceForm>({ type: 'oil', date: today, note: '' });
  const save = useSave();
  const field = bindFields(form, set, save.errors, { prefix: 'mt' });
  const labels: Record<string, string> = { type: s('mt.type'), date: s('tr.date'), note: s('mt.note') };
  return (
    <section aria-labelledby="maintenance-title" className="sot-form-section touch-form">
      <h4 id="maintenance-title">{s('mt.logTitle')}</h4>
      <Feedback state={save} />
      <ErrorList
        errors={prefixErrors(save.errors, 'mt')}
        labels={(path) => labels[path.slice(3)]}
        idPrefix="mt"
      />
      <form
        noValidate
        className="entity-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const { body, result } = checkMaintenance(form);
          const errors = result.success ? {} : zodErrors(result.error.issues, t);
          const ok = await save.run(
            () => api.post(sotApi.part(point.id, 'maintenance'), body),
            s('mt.logged'),
            errors,
          );
          if (ok) {
            setForm({ type: form.type, date: today, note: '' });
            onLogged();
          }
        }}
      >
        <div className="field-row">
          <SelectField
            {...field('type')}
            label={s('mt.type')}
            options={MAINTENANCE_TYPES.map((m) => ({ value: m, label: l(MAINTENANCE_LABELS[m]) }))}
          />
          <DateField {...field('date')} label={s('tr.date')} max={today} />
        </div>
        <TextField {...field('note')} label={s('mt.note')} rows={2} />
        <FormActions
          saving={save.saving}
          label={s('mt.submit')}
          buttonClass="button button-primary button-wide"
        />
      </form>
    </section>
  );
}

function MaintenanceList({ items, onChanged }: { items: Maintenance[]; onChanged(): void }) {
  const { s, l } = useSot();
  const { point } = usePoint();
  const remove = useDeleteItem();
  if (items.length === 0) return <p>{s('mt.none')}</p>;
  return (
    <>
      <Feedback state={remove.state} />
      <ul className="sot-card-list">
        {items.map((m) => (
          <li key={m.id} className="sot-card" data-maintenance-id={m.id}>
            <p className="run-head">
              <strong>{formatDate(m.date)}</strong> · {l(MAINTENANCE_LABELS[m.type])}
              {m.username && <span className="cell-meta"> · {s('tr.by', { user: m.username })}</span>}
            </p>
            {m.note && <p className="preline">{m.note}</p>}
            {point.access.write && (
              <DeleteButton
                onClick={async () => {
                  const deleted = await remove.deleteItem({
                    part: 'maintenance',
                    id: m.id,
                    confirm: s('mt.deleteConfirm'),
                    success: s('common.deleted'),
                  });
                  if (deleted) onChanged();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function ScheduleEditor({ onSaved }: { onSaved(): void }) {
  const { s, t } = useSot();
  const { point, setPoint, reload } = usePoint();
  const { form, set } = useFormState<ScheduleForm>(() => ({
    monthlyHours: String(point.testSchedule.monthlyHours).replace('.', ','),
    yearlyFullLoadHours: String(point.testSchedule.yearlyFullLoadHours).replace('.', ','),
  }));
  const save = useSave();
  const field = bindFields(form, set, save.errors, { prefix: 'testSchedule', errorsByPath: true });
  return (
    <details className="sot-form-section">
      <summary>{s('tr.scheduleEdit')}</summary>
      <Feedback state={save} onReload={reload} />
      <form
        noValidate
        className="entity-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const { body, result } = checkSchedule(form);
          const errors = result.success ? {} : zodErrors(result.error.issues, t, () => false, 'testSchedule');
          const ok = await save.run(
            async () =>
              setPoint(
                await api.patch<SotPoint>(sotApi.point(point.id), {
                  testSchedule: body,
                  version: point.version,
                }),
              ),
            t('form.saved'),
            errors,
          );
          if (ok) onSaved();
        }}
      >
        <div className="field-row">
          <TextField {...field('monthlyHours')} label={s('tr.monthlyHours')} inputMode="decimal" />
          <TextField {...field('yearlyFullLoadHours')} label={s('tr.yearlyHours')} inputMode="decimal" />
        </div>
        <FormActions saving={save.saving} label={s('tr.scheduleSave')} buttonClass="button" />
      </form>
    </details>
  );
}
