/**
 * Organisation: the operating group, its members with roles, competences and trainings (expired
 * ones flagged), and the printable contact tree. Members are personal data: they are fetched and
 * shown only when the server grants personal access (the point's municipality, its operators,
 * admins); everyone else sees the counts per role and training. Members and their training
 * records are added, changed and removed by those who may edit the point (`point.access.write`).
 */
import { type ReactNode, useState } from 'react';
import {
  MEMBER_ROLE_LABELS,
  MEMBER_ROLES,
  type MemberRole,
  ORGANISATION_LABELS,
  ORGANISATION_TYPES,
  TRAINING_COURSES,
  TRAINING_LABELS,
} from '../../../../src/sot/schemas.js';
import { request } from '../../api.js';
import { LoadState } from '../../components/LoadState.js';
import { useApi } from '../../hooks.js';
import { Feedback } from '../components/Feedback.js';
import { FormActions } from '../components/FormActions.js';
import { StatusMark } from '../components/Indicators.js';
import { DeleteButton, EditButton } from '../components/ItemButtons.js';
import { NewItem } from '../components/ItemCards.js';
import { CheckboxGroup, DateField, ErrorList, SelectField, TextField } from '../fields.js';
import { formatDate } from '../format.js';
import { useSot } from '../i18n.js';
import {
  checkMember,
  checkOrganisation,
  checkTraining,
  emptyMember,
  emptyTraining,
  memberForm,
  type OrganisationForm,
  organisationForm,
  trainingForm,
} from '../model/organisation-forms.js';
import { usePoint } from '../point-context.js';
import { useSave } from '../save.js';
import type { Member, OrganisationView, Training } from '../types.js';
import { sotApi } from '../urls.js';
import { bindFields, useFormState } from '../use-form-state.js';
import { type ItemEditor, type ItemEditorProps, useItemEditor } from '../use-item-editor.js';
import { useItemForm } from '../use-item-form.js';
import { type FieldErrors, prefixErrors, zodErrors } from '../validation.js';

export function OrganisationTab() {
  const { s } = useSot();
  const { point, refreshChecklist } = usePoint();
  const view = useApi<OrganisationView>(sotApi.part(point.id, 'organisation'));
  if (!view.data) return <LoadState loading={view.loading} error={view.error} onRetry={view.reload} />;
  const changed = () => {
    view.reload();
    refreshChecklist();
  };
  return (
    <>
      <GroupSummary view={view.data} />
      {point.access.write && <OrganisationEditor view={view.data} onSaved={changed} />}
      {view.data.personal ? (
        <Members onChanged={changed} />
      ) : (
        <p className="notice notice-info" data-personal="false">
          {s('org.personalHidden')}
        </p>
      )}
    </>
  );
}

function GroupSummary({ view }: { view: OrganisationView }) {
  const { s, l } = useSot();
  const { point } = usePoint();
  const o = view.organisation;
  const sum = view.summary;
  const roles = MEMBER_ROLES.filter((r) => (sum.roles[r] ?? 0) > 0);
  const courses = TRAINING_COURSES.filter(
    (c) => (sum.trainings[c]?.valid ?? 0) + (sum.trainings[c]?.expired ?? 0) > 0,
  );
  return (
    <section aria-labelledby="group-title">
      <h3 id="group-title">{o ? o.name : s('org.noGroup')}</h3>
      <dl className="details compact-details">
        {o && (
          <div className="details-row">
            <dt>{s('org.type')}</dt>
            <dd>{l(ORGANISATION_LABELS[o.type])}</dd>
          </div>
        )}
        {view.personal && o?.contactName && (
          <div className="details-row">
            <dt>{s('org.contact')}</dt>
            <dd>
              {o.contactName}
              {o.contactPhone && (
                <>
                  {', '}
                  <a href={`tel:${o.contactPhone.replace(/\s/g, '')}`}>{o.contactPhone}</a>
                </>
              )}
              {o.contactEmail && (
                <>
                  {', '}
                  <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>
                </>
              )}
            </dd>
          </div>
        )}
        <div className="details-row">
          <dt>{s('org.members')}</dt>
          <dd data-member-count={sum.memberCount} data-reachable={sum.reachableCount}>
            <StatusMark status={sum.reachableCount >= sum.minMembers ? 'met' : 'not_met'} compact />{' '}
            {s('org.memberCounts', {
              members: sum.memberCount,
              reachable: sum.reachableCount,
              min: sum.minMembers,
            })}
          </dd>
        </div>
        <div className="details-row">
          <dt>{s('org.roles')}</dt>
          <dd>
            {roles.length === 0
              ? s('common.noneRegistered')
              : roles.map((r) => `${l(MEMBER_ROLE_LABELS[r])}: ${sum.roles[r]}`).join(', ')}
          </dd>
        </div>
        <div className="details-row">
          <dt>{s('org.trainings')}</dt>
          <dd>
            {courses.length === 0 ? (
              s('common.noneRegistered')
            ) : (
              <ul className="plain-list">
                {courses.map((c) => (
                  <li key={c}>
                    {l(TRAINING_LABELS[c])}:{' '}
                    {s('org.trainingCounts', { valid: sum.trainings[c]?.valid ?? 0 })}
                    {(sum.trainings[c]?.expired ?? 0) > 0 && (
                      <span className="flag flag-bad">
                        {' '}
                        {s('org.trainingExpiredCount', { n: sum.trainings[c]?.expired ?? 0 })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {view.personal && (
        <p className="exports">
          <a
            className="button button-small"
            href={sotApi.contactTree(point.id)}
            target="_blank"
            rel="noopener"
          >
            {s('org.contactTree')}
          </a>
          <a
            className="button button-small"
            href={`${sotApi.contactTree(point.id)}?format=pdf`}
            target="_blank"
            rel="noopener"
          >
            {s('org.contactTreePdf')}
          </a>
        </p>
      )}
    </section>
  );
}

function OrganisationEditor({ view, onSaved }: { view: OrganisationView; onSaved(): void }) {
  const { s, l, t } = useSot();
  const { point } = usePoint();
  const { form, set } = useFormState<OrganisationForm>(() => organisationForm(view));
  // Open at first when there is no group yet; afterwards the user decides (and sees the result).
  const [open, setOpen] = useState(() => !view.organisation);
  const save = useSave();
  const field = bindFields(form, set, save.errors, { prefix: 'org' });
  const labels: Record<string, string> = {
    type: s('org.type'),
    name: s('org.name'),
    contactName: s('org.contactName'),
    contactPhone: s('org.contactPhone'),
    contactEmail: s('org.contactEmail'),
  };
  return (
    <details className="sot-form-section" open={open} onToggle={(ev) => setOpen(ev.currentTarget.open)}>
      <summary>{view.organisation ? s('org.editGroup') : s('org.addGroup')}</summary>
      <Feedback state={save} />
      <ErrorList
        errors={prefixErrors(save.errors, 'org')}
        labels={(path) => labels[path.replace(/^org\./, '')]}
        idPrefix="organisation"
      />
      <form
        noValidate
        className="entity-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          const { body, result } = checkOrganisation(form);
          const errors = result.success ? {} : zodErrors(result.error.issues, t);
          const ok = await save.run(
            () => request('PUT', sotApi.part(point.id, 'organisation'), body),
            s('org.groupSaved'),
            errors,
          );
          if (ok) onSaved();
        }}
      >
        <div className="field-row">
          <SelectField
            {...field('type')}
            label={s('org.type')}
            options={ORGANISATION_TYPES.map((o) => ({ value: o, label: l(ORGANISATION_LABELS[o]) }))}
          />
          <TextField {...field('name')} label={s('org.name')} required />
        </div>
        <div className="field-row">
          <TextField {...field('contactName')} label={s('org.contactName')} />
          <TextField {...field('contactPhone')} label={s('org.contactPhone')} autoComplete="off" />
          <TextField {...field('contactEmail')} label={s('org.contactEmail')} />
        </div>
        <TextField {...field('note')} label={s('ov.note')} rows={2} />
        <FormActions saving={save.saving} label={s('org.saveGroup')} />
      </form>
    </details>
  );
}

/** The training form that is open: a new record for a member, or an existing record. */
interface TrainingTarget {
  memberId: number;
  training: Training | null;
}

function Members({ onChanged }: { onChanged(): void }) {
  const { s } = useSot();
  const { point } = usePoint();
  const [training, setTraining] = useState<TrainingTarget | null>(null);
  // A save or deletion anywhere in the list also closes an open training form.
  const editor = useItemEditor<Member>('members', () => {
    setTraining(null);
    onChanged();
  });
  const { list, items: members } = editor;
  return (
    <section aria-labelledby="members-title">
      <h3 id="members-title">{s('org.memberList')}</h3>
      <p className="hint">{s('org.personalNote')}</p>
      <Feedback state={editor.removal} />
      <LoadState loading={list.loading && !list.data} error={list.error} onRetry={list.reload} />
      {list.data && members.length === 0 && <p>{s('org.noMembers')}</p>}
      <ul className="sot-card-list member-list">
        {members.map((m) => (
          <li key={m.id} className="sot-card" data-member-id={m.id}>
            {editor.editing === m.id ? (
              <MemberEditor member={m} members={members} {...editor.editorProps} />
            ) : (
              <MemberCard
                member={m}
                members={members}
                trainingActions={
                  point.access.write && training?.memberId !== m.id
                    ? (tr) => (
                        <TrainingActions
                          member={m}
                          training={tr}
                          remove={editor.remove}
                          onEdit={() => setTraining({ memberId: m.id, training: tr })}
                        />
                      )
                    : undefined
                }
              />
            )}
            {training?.memberId === m.id && (
              <TrainingEditor
                key={training.training?.id ?? 'new'}
                memberId={m.id}
                memberName={m.name}
                training={training.training}
                onDone={editor.done}
                onCancel={() => setTraining(null)}
              />
            )}
            {point.access.write && editor.editing !== m.id && training?.memberId !== m.id && (
              <p className="sot-card-actions">
                <EditButton name={m.name} onClick={() => editor.edit(m.id)} />
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setTraining({ memberId: m.id, training: null })}
                >
                  {s('org.addTraining')}
                  <span className="visually-hidden"> {m.name}</span>
                </button>
                <DeleteButton
                  name={m.name}
                  label={s('org.remove')}
                  onClick={() =>
                    editor.remove({
                      id: m.id,
                      confirm: s('org.removeConfirm', { name: m.name }),
                      success: s('org.removed', { name: m.name }),
                    })
                  }
                />
              </p>
            )}
          </li>
        ))}
      </ul>
      {point.access.write && (
        <NewItem open={editor.editing === 'new'} label={s('org.addMember')} onOpen={() => editor.edit('new')}>
          <MemberEditor member={null} members={members} {...editor.editorProps} />
        </NewItem>
      )}
    </section>
  );
}

/** Change and delete for one training record; deleting asks first. */
function TrainingActions({
  member,
  training: tr,
  remove,
  onEdit,
}: {
  member: Member;
  training: Training;
  /** The member list's deletion: its notice reports it, and the list reloads. */
  remove: ItemEditor<Member>['remove'];
  onEdit(): void;
}) {
  const { s, l } = useSot();
  // Names the record in the buttons' accessible names and the question (several may look alike).
  const what = s('org.trainingOf', {
    training: tr.title || l(TRAINING_LABELS[tr.course]),
    date: formatDate(tr.completedOn),
    name: member.name,
  });
  return (
    <span className="training-actions">
      <EditButton name={what} onClick={onEdit} />
      <DeleteButton
        name={what}
        onClick={() =>
          remove({
            part: 'trainings',
            id: tr.id,
            confirm: s('org.trainingRemoveConfirm', { training: what }),
            success: s('org.trainingRemoved', { training: what }),
          })
        }
      />
    </span>
  );
}

function MemberCard({
  member: m,
  members,
  trainingActions,
}: {
  member: Member;
  members: Member[];
  /** Buttons after each training record (for those who may change them). */
  trainingActions?: (training: Training) => ReactNode;
}) {
  const { s, l } = useSot();
  const caller = members.find((x) => x.id === m.calledBy);
  return (
    <>
      <h4 className="sot-card-title">
        {m.name}
        {!m.reachable && <span className="flag flag-bad"> {s('org.unreachable')}</span>}
      </h4>
      <dl className="details compact-details">
        {m.phone && (
          <div className="details-row">
            <dt>{s('org.phone')}</dt>
            <dd>
              <a href={`tel:${m.phone.replace(/\s/g, '')}`}>{m.phone}</a>
            </dd>
          </div>
        )}
        {m.email && (
          <div className="details-row">
            <dt>{s('org.email')}</dt>
            <dd>
              <a href={`mailto:${m.email}`}>{m.email}</a>
            </dd>
          </div>
        )}
        {m.address && (
          <div className="details-row">
            <dt>{s('org.address')}</dt>
            <dd>{m.address}</dd>
          </div>
        )}
        <div className="details-row">
          <dt>{s('org.roles')}</dt>
          <dd>{m.roles.length ? m.roles.map((r) => l(MEMBER_ROLE_LABELS[r])).join(', ') : '–'}</dd>
        </div>
        {m.competences.length > 0 && (
          <div className="details-row">
            <dt>{s('org.competences')}</dt>
            <dd>{m.competences.join(', ')}</dd>
          </div>
        )}
        <div className="details-row">
          <dt>{s('org.calledBy')}</dt>
          <dd>{caller ? caller.name : s('org.calledFirst')}</dd>
        </div>
        {m.trainings.length > 0 && (
          <div className="details-row">
            <dt>{s('org.trainings')}</dt>
            <dd>
              <ul className="plain-list">
                {m.trainings.map((tr) => (
                  <li key={tr.id} data-training-id={tr.id} data-expired={String(tr.expired)}>
                    {tr.title || l(TRAINING_LABELS[tr.course])}, {formatDate(tr.completedOn)}
                    {tr.expiresOn && ` – ${formatDate(tr.expiresOn)}`}
                    {tr.provider && `, ${tr.provider}`}
                    {tr.expired && (
                      <span className="flag flag-bad">
                        {' '}
                        <span aria-hidden="true">⚠ </span>
                        {s('org.expired')}
                      </span>
                    )}
                    {!tr.expired && tr.expiresSoon && (
                      <span className="flag flag-warn"> {s('org.expiresSoon')}</span>
                    )}
                    {tr.note && <span className="training-note">{tr.note}</span>}
                    {trainingActions?.(tr)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}

function MemberEditor({
  member,
  members,
  onDone,
  onCancel,
}: { member: Member | null; members: Member[] } & ItemEditorProps) {
  const { s, l } = useSot();
  const { form, set, save, field, submit } = useItemForm({
    part: 'members',
    itemId: member?.id,
    initial: () => (member ? memberForm(member) : emptyMember()),
    check: checkMember,
    // Server paths are the body's field names; the controls are prefixed so two forms never share ids.
    prefix: 'member',
    onDone,
  });
  const labels: Record<string, string> = {
    name: s('org.memberName'),
    phone: s('org.phone'),
    email: s('org.email'),
    address: s('org.address'),
    roles: s('org.roles'),
    competences: s('org.competences'),
    calledBy: s('org.calledBy'),
    callOrder: s('org.callOrder'),
  };
  return (
    <form noValidate className="entity-form item-form" onSubmit={submit}>
      <h4>{member ? s('org.editMember', { name: member.name }) : s('org.addMember')}</h4>
      <Feedback state={save} />
      <ErrorList
        errors={prefixErrors(save.errors, 'member')}
        labels={(path) => labels[path.replace(/^member\./, '').split('.')[0]]}
        idPrefix={`member-${member?.id ?? 'new'}`}
      />
      <TextField {...field('name')} label={s('org.memberName')} required autoComplete="off" />
      <div className="field-row">
        <TextField {...field('phone')} label={s('org.phone')} hint={s('org.phoneHint')} inputMode="text" />
        <TextField {...field('email')} label={s('org.email')} />
      </div>
      <TextField {...field('address')} label={s('org.address')} />
      <CheckboxGroup
        path="member.roles"
        label={s('org.roles')}
        values={form.roles}
        error={save.errors.roles}
        onChange={(roles) => set({ roles: roles as MemberRole[] })}
        options={MEMBER_ROLES.map((r) => ({ value: r, label: l(MEMBER_ROLE_LABELS[r]) }))}
      />
      <TextField {...field('competences')} label={s('org.competences')} hint={s('org.competencesHint')} />
      <div className="field-row">
        <SelectField
          {...field('calledBy')}
          label={s('org.calledBy')}
          hint={s('org.calledByHint')}
          emptyLabel={s('org.calledFirst')}
          options={members
            .filter((x) => x.id !== member?.id)
            .map((x) => ({ value: String(x.id), label: x.name }))}
        />
        <TextField {...field('callOrder')} label={s('org.callOrder')} inputMode="numeric" />
      </div>
      <TextField {...field('note')} label={s('ov.note')} rows={2} />
      <FormActions saving={save.saving} label={s('org.saveMember')} onCancel={onCancel} />
    </form>
  );
}

/** Adds a training record to a member (`training` null) or changes an existing record. */
function TrainingEditor({
  memberId,
  memberName,
  training,
  onDone,
  onCancel,
}: { memberId: number; memberName: string; training: Training | null } & ItemEditorProps) {
  const { s, l, t } = useSot();
  const { save, field, submit } = useItemForm({
    part: 'trainings',
    itemId: training?.id,
    initial: () => (training ? trainingForm(training) : emptyTraining(memberId)),
    check: (form) => checkTraining(form, training !== null),
    // An empty date fails as a malformed one; say what is actually missing.
    extraErrors: (form): FieldErrors => (form.completedOn ? {} : { completedOn: t('val.required') }),
    prefix: 'training',
    onDone,
  });
  const labels: Record<string, string> = {
    course: s('org.course'),
    title: s('org.trainingTitle'),
    completedOn: s('org.completedOn'),
    expiresOn: s('org.expiresOn'),
    provider: s('org.provider'),
    note: s('ov.note'),
  };
  return (
    <form noValidate className="entity-form item-form" onSubmit={submit}>
      <h4>
        {training
          ? s('org.editTraining', {
              training: training.title || l(TRAINING_LABELS[training.course]),
              name: memberName,
            })
          : s('org.addTrainingFor', { name: memberName })}
      </h4>
      <Feedback state={save} />
      <ErrorList
        errors={prefixErrors(save.errors, 'training')}
        labels={(path) => labels[path.replace(/^training\./, '')]}
        idPrefix={`training-${training?.id ?? 'new'}`}
      />
      <div className="field-row">
        <SelectField
          {...field('course')}
          label={s('org.course')}
          options={TRAINING_COURSES.map((c) => ({ value: c, label: l(TRAINING_LABELS[c]) }))}
        />
        <TextField {...field('title')} label={s('org.trainingTitle')} />
      </div>
      <div className="field-row">
        <DateField {...field('completedOn')} label={s('org.completedOn')} required />
        <DateField {...field('expiresOn')} label={s('org.expiresOn')} />
        <TextField {...field('provider')} label={s('org.provider')} />
      </div>
      <TextField {...field('note')} label={s('ov.note')} rows={2} />
      <FormActions saving={save.saving} label={s('org.saveTraining')} onCancel={onCancel} />
    </form>
  );
}
