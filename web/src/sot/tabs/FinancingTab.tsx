/**
 * Finansiering: applications and decisions per programme with the server's checks (private
 * co-financing share against the programme's requirement, financing gap, granted above applied),
 * and forms to add, change and delete them for the point's editors.
 */
import { useState } from 'react';
import {
  FINANCING_PROGRAMMES,
  FINANCING_STATUS_LABELS,
  FINANCING_STATUSES,
  PAYOUT_LABELS,
  PAYOUT_STATUSES,
  PROGRAMME_LABELS,
  PROGRAMME_LEGAL_BASIS,
} from '../../../../src/sot/schemas.js';
import { api } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { useApi } from '../../hooks.js';
import { Feedback } from '../components/Feedback.js';
import { StatusMark } from '../components/Indicators.js';
import { DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate, formatSek, formatShare } from '../format.js';
import { useSot } from '../i18n.js';
import { checkFinancing, emptyFinancing, type FinancingForm, financingForm } from '../model/money-forms.js';
import { usePoint } from '../point-context.js';
import { saveItem, useSave } from '../save.js';
import type { Financing, Items } from '../types.js';
import { sotApi } from '../urls.js';
import { zodErrors } from '../validation.js';

export function FinancingTab() {
  const { s } = useSot();
  const { point, refreshChecklist } = usePoint();
  const list = useApi<Items<Financing>>(sotApi.part(point.id, 'financing'));
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const remove = useSave();
  const done = () => {
    setEditing(null);
    list.reload();
    refreshChecklist();
  };
  return (
    <>
      <p className="hint">{s('fin.intro')}</p>
      <Feedback state={remove} />
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <p>{s('fin.none')}</p>}
      <ul className="sot-card-list">
        {list.data?.items.map((f) =>
          editing === f.id ? (
            <li key={f.id} className="sot-card">
              <FinancingEditor item={f} onDone={done} onCancel={() => setEditing(null)} />
            </li>
          ) : (
            <li key={f.id} className="sot-card" data-financing-id={f.id}>
              <FinancingCard item={f} />
              {point.access.write && (
                <p className="sot-card-actions">
                  <button type="button" className="button button-small" onClick={() => setEditing(f.id)}>
                    {s('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={async () => {
                      if (!window.confirm(s('fin.deleteConfirm'))) return;
                      if (
                        await remove.run(
                          () => api.delete(sotApi.item(point.id, 'financing', f.id)),
                          s('common.deleted'),
                        )
                      )
                        done();
                    }}
                  >
                    {s('common.delete')}
                  </button>
                </p>
              )}
            </li>
          ),
        )}
      </ul>
      {point.access.write &&
        (editing === 'new' ? (
          <div className="sot-card">
            <FinancingEditor item={null} onDone={done} onCancel={() => setEditing(null)} />
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {s('fin.add')}
          </button>
        ))}
    </>
  );
}

function FinancingCard({ item: f }: { item: Financing }) {
  const { s, l, lang } = useSot();
  const c = f.checks;
  return (
    <>
      <h3 className="sot-card-title">{l(PROGRAMME_LABELS[f.programme])}</h3>
      <p className="meta">
        <span className={`fin-status fin-${f.status}`}>{l(FINANCING_STATUS_LABELS[f.status])}</span>
        {' · '}
        {l(PAYOUT_LABELS[f.payoutStatus])}
        {c.open && ` · ${s('fin.open')}`}
      </p>
      <dl className="details compact-details">
        {f.applicant && <Detail label={s('fin.applicant')} value={f.applicant} />}
        {f.legalBasis && <Detail label={s('fin.legalBasis')} value={f.legalBasis} />}
        <Detail
          label={s('fin.c.applied')}
          value={`${formatSek(f.appliedAmount)}${f.applicationDate ? ` (${formatDate(f.applicationDate)})` : ''}`}
        />
        <Detail
          label={s('fin.c.granted')}
          value={`${formatSek(f.grantedAmount)}${
            f.decisionDate
              ? ` (${formatDate(f.decisionDate)}${f.decisionRef ? `, ${f.decisionRef}` : ''})`
              : ''
          }`}
        />
        <Detail label={s('fin.c.eligible')} value={formatSek(f.totalEligibleCost)} />
        <Detail
          label={s('fin.cofinancing')}
          value={s('fin.cofinancingValue', {
            private: formatSek(f.privateCofinancing),
            public: formatSek(f.publicCofinancing),
          })}
        />
        <div className="details-row">
          <dt>{s('fin.privateShare')}</dt>
          <dd data-private-share-ok={c.privateShareOk === null ? 'unknown' : String(c.privateShareOk)}>
            {c.privateShareOk !== null && (
              <StatusMark status={c.privateShareOk ? 'met' : 'not_met'} compact />
            )}{' '}
            {formatShare(c.privateShare)}
            {c.requiredPrivateShare !== null &&
              ` (${s('fin.required', { share: formatShare(c.requiredPrivateShare) })})`}
          </dd>
        </div>
        {c.gap !== null && c.gap > 0 && <Detail label={s('fin.gap')} value={formatSek(c.gap)} />}
        {f.paidAmount !== null && <Detail label={s('fin.c.paid')} value={formatSek(f.paidAmount)} />}
      </dl>
      {c.flags.length > 0 && (
        <ul className="flag-list" aria-label={s('fin.flags')}>
          {c.flags.map((flag) => (
            <li key={flag.code} className="flag flag-warn" data-flag={flag.code}>
              <span aria-hidden="true">⚠ </span>
              {lang === 'en' ? flag.message.en : flag.message.sv}
            </li>
          ))}
        </ul>
      )}
      {f.note && <p className="preline">{f.note}</p>}
    </>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div className="details-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function FinancingEditor({
  item,
  onDone,
  onCancel,
}: {
  item: Financing | null;
  onDone(): void;
  onCancel(): void;
}) {
  const { s, l, t } = useSot();
  const { point } = usePoint();
  const [form, setForm] = useState<FinancingForm>(() => (item ? financingForm(item) : emptyFinancing()));
  const save = useSave();
  const e = save.errors;
  const set = (patch: Partial<FinancingForm>) => setForm((f) => ({ ...f, ...patch }));
  const money = (key: keyof FinancingForm, label: string) => (
    <TextField
      path={key}
      label={label}
      value={form[key]}
      error={e[key]}
      inputMode="numeric"
      onChange={(v) => set({ [key]: v })}
    />
  );
  const labels: Record<string, string> = {
    programme: s('fin.programme'),
    appliedAmount: s('fin.applied'),
    grantedAmount: s('fin.granted'),
    totalEligibleCost: s('fin.eligible'),
    privateCofinancing: s('fin.private'),
    publicCofinancing: s('fin.public'),
    paidAmount: s('fin.paid'),
    applicationDate: s('fin.applicationDate'),
    decisionDate: s('fin.decisionDate'),
  };
  return (
    <form
      noValidate
      className="entity-form item-form"
      onSubmit={async (ev) => {
        ev.preventDefault();
        const { body, result } = checkFinancing(form);
        const errors = result.success ? {} : zodErrors(result.error.issues, t);
        const ok = await save.run(() => saveItem(point.id, 'financing', item?.id, body), undefined, errors);
        if (ok) onDone();
      }}
    >
      <h3>{item ? s('fin.editTitle') : s('fin.add')}</h3>
      <Feedback state={save} />
      <ErrorList errors={e} labels={(p) => labels[p]} idPrefix="financing" />
      <div className="field-row">
        <SelectField
          path="programme"
          label={s('fin.programme')}
          required
          value={form.programme}
          error={e.programme}
          onChange={(v) => set({ programme: v as FinancingForm['programme'] })}
          options={FINANCING_PROGRAMMES.map((p) => ({ value: p, label: l(PROGRAMME_LABELS[p]) }))}
        />
        <SelectField
          path="status"
          label={s('fin.status')}
          value={form.status}
          error={e.status}
          onChange={(v) => set({ status: v as FinancingForm['status'] })}
          options={FINANCING_STATUSES.map((st) => ({ value: st, label: l(FINANCING_STATUS_LABELS[st]) }))}
        />
      </div>
      <TextField
        path="legalBasis"
        label={s('fin.legalBasis')}
        hint={
          PROGRAMME_LEGAL_BASIS[form.programme]
            ? s('fin.legalBasisHint', { basis: PROGRAMME_LEGAL_BASIS[form.programme] })
            : undefined
        }
        value={form.legalBasis}
        error={e.legalBasis}
        onChange={(legalBasis) => set({ legalBasis })}
      />
      <TextField
        path="applicant"
        label={s('fin.applicant')}
        value={form.applicant}
        error={e.applicant}
        onChange={(applicant) => set({ applicant })}
      />
      <div className="field-row">
        <DateField
          path="applicationDate"
          label={s('fin.applicationDate')}
          value={form.applicationDate}
          error={e.applicationDate}
          onChange={(applicationDate) => set({ applicationDate })}
        />
        {money('appliedAmount', s('fin.applied'))}
      </div>
      <div className="field-row">
        <DateField
          path="decisionDate"
          label={s('fin.decisionDate')}
          value={form.decisionDate}
          error={e.decisionDate}
          onChange={(decisionDate) => set({ decisionDate })}
        />
        <TextField
          path="decisionRef"
          label={s('fin.decisionRef')}
          value={form.decisionRef}
          error={e.decisionRef}
          onChange={(decisionRef) => set({ decisionRef })}
        />
        {money('grantedAmount', s('fin.granted'))}
      </div>
      <div className="field-row">
        {money('totalEligibleCost', s('fin.eligible'))}
        {money('privateCofinancing', s('fin.private'))}
        {money('publicCofinancing', s('fin.public'))}
      </div>
      <div className="field-row">
        <SelectField
          path="payoutStatus"
          label={s('fin.payout')}
          value={form.payoutStatus}
          error={e.payoutStatus}
          onChange={(v) => set({ payoutStatus: v as FinancingForm['payoutStatus'] })}
          options={PAYOUT_STATUSES.map((p) => ({ value: p, label: l(PAYOUT_LABELS[p]) }))}
        />
        {money('paidAmount', s('fin.paid'))}
      </div>
      <TextField
        path="note"
        label={s('ov.note')}
        value={form.note}
        error={e.note}
        rows={2}
        onChange={(note) => set({ note })}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.saving}>
          {save.saving ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
