import type { ReactNode } from 'react';
import { Link } from '../components/Link.js';
import { formatDateTime, formatNumber, useI18n } from '../i18n.js';
import { paths } from '../router.js';
import { useSession } from '../session.js';
import type { ServicePoint } from '../types.js';

/** The read-only view of a service point for viewers and operators. */
export function ServicePointDetails({ point }: { point: ServicePoint }) {
  const { t, kind, label } = useI18n();
  const { territories } = useSession();
  const a = point.attributes ?? {};
  const power = point.power ?? {};
  const municipality = territories.municipalities.find((m) => m.code === point.municipalityCode);
  const yesNo = (v: unknown) =>
    v === true ? t('common.yes') : v === false ? t('common.no') : t('common.unknown');
  const listOf = (prefix: string, v: unknown) =>
    Array.isArray(v) && v.length ? v.map((x) => label(prefix, String(x))).join(', ') : t('common.unknown');

  const rows: [string, ReactNode][] = [
    [t('sp.kind'), kind(point.kind)],
    [t('sp.chain'), point.chain ?? '–'],
    [t('sp.operatorName'), point.operatorName ?? '–'],
    [
      t('sp.address'),
      [point.address, [point.postcode, point.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') ||
        '–',
    ],
    [
      t('sp.municipality'),
      municipality ? `${municipality.name} (${municipality.code})` : (point.municipalityCode ?? '–'),
    ],
    [t('sp.openingHours'), point.openingHours ?? '–'],
    [`${t('sp.lat')}, ${t('sp.lon')}`, `${formatNumber(point.lat, true)}, ${formatNumber(point.lon, true)}`],
    [
      t('sp.power'),
      power.type === 'backup'
        ? [
            t('power.backup'),
            typeof power.kva === 'number' ? `${formatNumber(power.kva)} kVA` : null,
            typeof power.fuelLitres === 'number' ? `${formatNumber(power.fuelLitres)} l` : null,
            typeof power.fuel === 'string' ? label('fuel', power.fuel) : null,
          ]
            .filter(Boolean)
            .join(', ')
        : t('power.grid'),
    ],
  ];
  if (typeof a.phone === 'string') rows.push([t('attr.phone'), a.phone]);
  if (typeof a.website === 'string') rows.push([t('attr.website'), a.website]);
  rows.push([t('attr.yearRound'), yesNo(a.yearRound)]);
  if (point.kind === 'grocery' || point.kind === 'convenience') {
    rows.push(
      [
        t('attr.assortmentArticles'),
        typeof a.assortmentArticles === 'number' ? formatNumber(a.assortmentArticles) : t('common.unknown'),
      ],
      [t('attr.freshGroups'), listOf('fresh', a.freshGroups)],
      [t('attr.fixedPremises'), yesNo(a.fixedPremises)],
      [
        t('attr.turnoverBand'),
        typeof a.turnoverBand === 'string' ? label('turnover', a.turnoverBand) : t('common.unknown'),
      ],
      [
        t('attr.staffingModel'),
        typeof a.staffingModel === 'string' ? label('staffing', a.staffingModel) : t('common.unknown'),
      ],
    );
  } else {
    if (point.kind === 'fuel') rows.push([t('attr.fuels'), listOf('fuel', a.fuels)]);
    rows.push(
      [t('attr.staffed'), yesNo(a.staffed)],
      [t('attr.payment'), listOf('payment', a.payment)],
      [t('attr.cardOnly'), yesNo(a.cardOnly)],
    );
  }
  if (typeof a.note === 'string') rows.push([t('attr.note'), a.note]);
  rows.push([t('sp.updatedAt'), formatDateTime(point.updatedAt)]);

  return (
    <section aria-labelledby="page-title" className="form-page">
      <p className="breadcrumb">
        <Link href={paths.table}>{t('form.backToTable')}</Link>
      </p>
      <h1 id="page-title">{point.name}</h1>
      <p className="hint">{t('form.readOnly')}</p>
      <dl className="details">
        {rows.map(([term, value]) => (
          <div key={term} className="details-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
