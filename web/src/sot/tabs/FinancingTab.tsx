/**
 * Finansiering: applications and decisions per programme with the server's checks (private
 * co-financing share against the programme's requirement, financing gap, granted above applied),
 * and forms to add, change and delete them for the point's editors.
 */
import {
  FINANCING_PROGRAMMES,
  FINANCING_STATUS_LABELS,
  FINANCING_STATUSES,
  PAYOUT_LABELS,
  PAYOUT_STATUSES,
  PROGRAMME_LABELS,
  PROGRAMME_LEGAL_BASIS,
} from '../../../../src/sot/schemas.js';
import { Feedback } from '../components/Feedback.js';
import { FormActions } from '../components/FormActions.js';
import { StatusMark } from '../components/Indicators.js';
import { ItemCards } from '../components/ItemCards.js';
import { DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate, formatSek, formatShare } from '../format.js';
import { useSot } from '../i18n.js';
import { checkFinancing, emptyFinancing, type FinancingForm, financingForm } from '../model/money-forms.js';
import { usePoint } from '../point-context.js';
import type { Financing } from '../types.js';
import type { TextKey } from '../use-form-state.js';
import type { ItemEditorProps } from '../use-item-editor.js';
import { useItemForm } from '../use-item-form.js';

export function FinancingTab() {
  const { s } = useSot();
  const { refreshChecklist } = usePoint();
  return (
    <>
      <p className="hint">{s('fin.intro')}</p>
      <ItemCards<Financing>
        part="financing"
        onChanged={refreshChecklist}
        idAttribute="data-financing-id"
        empty={s('fin.none')}
        addLabel={s('fin.add')}
        deleteConfirm={s('fin.deleteConfirm')}
        card={(f) => <FinancingCard item={f} />}
        editor={(f, props) => <FinancingEditor item={f} {...props} />}
      />
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

function FinancingEditor({ item, onDone, onCancel }: { item: Financing | null } & ItemEditorProps) {
  const { s, l } = useSot();
  const { form, save, field, submit } = useItemForm({
    part: 'financing',
    itemId: item?.id,
    initial: () => (item ? financingForm(item) : emptyFinancing()),
    check: checkFinancing,
    onDone,
  });
  const money = (key: TextKey<FinancingForm>, label: string) => (
    <TextField {...field(key)} label={label} inputMode="numeric" />
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
    <form noValidate className="entity-form item-form" onSubmit={submit}>
      <h3>{item ? s('fin.editTitle') : s('fin.add')}</h3>
      <Feedback state={save} />
      <ErrorList errors={save.errors} labels={(p) => labels[p]} idPrefix="financing" />
      <div className="field-row">
        <SelectField
          {...field('programme')}
          label={s('fin.programme')}
          required
          options={FINANCING_PROGRAMMES.map((p) => ({ value: p, label: l(PROGRAMME_LABELS[p]) }))}
        />
        <SelectField
          {...field('status')}
          label={s('fin.status')}
          options={FINANCING_STATUSES.map((st) => ({ value: st, label: l(FINANCING_STATUS_LABELS[st]) }))}
        />
      </div>
      <TextField
        {...field('legalBasis')}
        label={s('fin.legalBasis')}
        hint={
          PROGRAMME_LEGAL_BASIS[form.programme]
            ? s('fin.legalBasisHint', { basis: PROGRAMME_LEGAL_BASIS[form.programme] })
            : undefined
        }
      />
      <TextField {...field('applicant')} label={s('fin.applicant')} />
      <div className="field-row">
        <DateField {...field('applicationDate')} label={s('fin.applicationDate')} />
        {money('appliedAmount', s('fin.applied'))}
      </div>
      <div className="field-row">
        <DateField {...field('decisionDate')} label={s('fin.decisionDate')} />
        <TextField {...field('decisionRef')} label={s('fin.decisionRef')} />
        {money('grantedAmount', s('fin.granted'))}
      </div>
      <div className="field-row">
        {money('totalEligibleCost', s('fin.eligible'))}
        {money('privateCofinancing', s('fin.private'))}
        {money('publicCofinancing', s('fin.public'))}
      </div>
      <div className="field-row">
        <SelectField
          {...field('payoutStatus')}
          label={s('fin.payout')}
          options={PAYOUT_STATUSES.map((p) => ({ value: p, label: l(PAYOUT_LABELS[p]) }))}
        />
        {money('paidAmount', s('fin.paid'))}
      </div>
      <TextField {...field('note')} label={s('ov.note')} rows={2} />
      <FormActions saving={save.saving} onCancel={onCancel} />
    </form>
  );
}
