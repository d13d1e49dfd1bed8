/**
 * One service point: the create/edit form for editors, a read-only summary for everyone else. The
 * load/save frame is shared with places (./RegistryItemPage.tsx).
 */
import { SERVICE_POINT_KINDS, type ServiceKind } from '../../../src/shared/kinds.js';
import { ServicePointFields } from '../forms/ServicePointFields.js';
import {
  checkServicePointForm,
  emptyForm,
  FORM_PATHS,
  formFromPoint,
  PATH_LABELS,
  type ServicePointForm,
} from '../forms/service-point-model.js';
import { formatDateTime, useI18n } from '../i18n.js';
import { paths } from '../router.js';
import { useSession } from '../session.js';
import type { ServicePoint } from '../types.js';
import { RegistryEditorFrame, RegistryItemPage, useRegistryEditor } from './RegistryItemPage.js';
import { ServicePointDetails } from './ServicePointDetails.js';

/** The page at `/servicepunkter/:id` or `/servicepunkter/ny`. */
export function ServicePointPage({ id }: { id: number | 'new' }) {
  const { t } = useI18n();
  return (
    <RegistryItemPage<ServicePoint>
      id={id}
      apiPath="/api/service-points"
      listHref={paths.table}
      createTitle={t('form.createTitle')}
      loadingTitle={t('sp.name')}
      details={(point) => <ServicePointDetails point={point} />}
      editor={(point) => <ServicePointEditor point={point} />}
    />
  );
}

const SHOWN_PATHS = new Set(Object.values(FORM_PATHS));

/** The form; `point` null means a new point. */
function ServicePointEditor({ point: initial }: { point: ServicePoint | null }) {
  const { t, kind: kindLabel } = useI18n();
  const { territories } = useSession();
  const editor = useRegistryEditor<ServicePoint, ServicePointForm>({
    initial,
    apiPath: '/api/service-points',
    emptyForm: () => emptyForm(),
    toForm: formFromPoint,
    check: (form, version) => checkServicePointForm(form, t, version),
    createdMessage: t('form.created'),
    itemHref: paths.servicePoint,
    listHref: paths.table,
    lockDuringDelete: true,
  });
  const { item: point, setForm } = editor;

  const update = (patch: Partial<ServicePointForm>) => setForm((f) => ({ ...f, ...patch }));

  const municipality = point?.municipalityCode
    ? territories.municipalities.find((m) => m.code === point.municipalityCode)
    : undefined;

  return (
    <RegistryEditorFrame
      editor={editor}
      title={point ? t('form.editTitle', { name: point.name }) : t('form.createTitle')}
      meta={
        point && (
          <>
            {kindLabel(point.kind)}
            {municipality
              ? ` · ${municipality.name}`
              : point.municipalityCode
                ? ` · ${point.municipalityCode}`
                : ''}
            {' · '}
            {t('form.version', { version: point.version, date: formatDateTime(point.updatedAt) })}
          </>
        )
      }
      labels={PATH_LABELS}
      shownPaths={SHOWN_PATHS}
      deleteLabel={t('form.delete')}
    >
      <ServicePointFields
        form={editor.form}
        errors={editor.errors}
        onChange={update}
        kinds={SERVICE_POINT_KINDS as readonly ServiceKind[]}
      />
    </RegistryEditorFrame>
  );
}
