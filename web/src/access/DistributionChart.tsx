/**
 * The cumulative share of a territory's population by minutes to the nearest service, drawn as
 * a hand-made SVG from the per-minute histogram, with a visually hidden table of the same figures.
 * The caller passes the summary in the weighting it shows (resident or seasonal).
 */
import type { WeightedSummary } from '../../../src/shared/access.js';
import { cumulativeShares } from './format.js';
import { useAccessI18n } from './i18n.js';

const W = 360;
const H = 160;
const PAD = { l: 36, r: 8, t: 8, b: 24 };
const MAX_MIN = 60;
const TICKS = [5, 10, 30, 60];

export function DistributionChart({ summary, name }: { summary: WeightedSummary; name: string }) {
  const { a } = useAccessI18n();
  const shares = cumulativeShares(summary);
  if (!shares) return null;
  const pct = (m: number) => `${Math.round((shares[m - 1] ?? 0) * 100)} %`;
  const x = (m: number) => PAD.l + (m / MAX_MIN) * (W - PAD.l - PAD.r);
  const y = (s: number) => H - PAD.b - s * (H - PAD.t - PAD.b);
  const points = [`${x(0)},${y(0)}`, ...shares.slice(0, MAX_MIN).map((s, i) => `${x(i + 1)},${y(s)}`)].join(
    ' ',
  );
  const label = a('acc.chartLabel', { name, p5: pct(5), p10: pct(10), p30: pct(30), p60: pct(60) });
  return (
    <figure className="access-chart">
      <figcaption>{name}</figcaption>
      <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} width={W} height={H}>
        <line x1={PAD.l} y1={y(0)} x2={W - PAD.r} y2={y(0)} stroke="#555" />
        <line x1={PAD.l} y1={y(0)} x2={PAD.l} y2={y(1)} stroke="#555" />
        {[0, 0.5, 1].map((s) => (
          <text key={s} x={PAD.l - 4} y={y(s) + 4} textAnchor="end" fontSize="10">
            {`${s * 100} %`}
          </text>
        ))}
        {TICKS.map((m) => (
          <g key={m}>
            <line x1={x(m)} y1={y(0)} x2={x(m)} y2={y(1)} stroke="#ddd" />
            <text x={x(m)} y={H - 8} textAnchor="middle" fontSize="10">
              {`${m}`}
            </text>
          </g>
        ))}
        <polyline points={points} fill="none" stroke="#0c4a8a" strokeWidth="2" />
      </svg>
      <table className="visually-hidden">
        <caption>{`${a('acc.chartTable')}: ${name}`}</caption>
        <thead>
          <tr>
            <th scope="col">{a('acc.minutes')}</th>
            <th scope="col">{a('acc.share')}</th>
          </tr>
        </thead>
        <tbody>
          {TICKS.map((m) => (
            <tr key={m}>
              <td>{m}</td>
              <td>{pct(m)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
