/**
 * Population-weighted summaries of accessibility results, the figures Tillväxtanalys and PIPOS
 * report: shares within N minutes, the < 5 / 5–10 / 10–30 / > 30 min bands, weighted median and
 * 90th percentile, and the people without redundancy (no second service within 30 minutes, or
 * every route crossing one bridge).
 *
 * Conventions (also in src/shared/access.ts):
 * - Everyone counts in the denominator, including residents no route reaches ("unreachable") and
 *   those too far from any road ("unsnapped"); both fall in the > 30 min band and are reported
 *   on their own too.
 * - Weighted percentiles take the smallest time t at which the people with time ≤ t reach the
 *   fraction (no interpolation); residents without a route count as infinitely far, so the
 *   percentile is null when it falls among them.
 * - Points with weight 0 (a place without a population figure) are listed in results but do
 *   not move any figure.
 */
import { ACCESS_HISTOGRAM_MINUTES, ACCESS_THRESHOLDS_MIN, type WeightedSummary } from '../shared/access.js';

/** One population point's outcome for one group, as the summary needs it. */
export interface SummaryItem {
  weight: number;
  /** Seconds to the nearest service; null when unreachable or unsnapped. */
  time1: number | null;
  time2: number | null;
  status: 'ok' | 'unreachable' | 'unsnapped';
  bridge: boolean;
  singleLink: boolean;
}

const share = (part: number, total: number) => (total > 0 ? part / total : null);

/** Weighted lower quantile of `q` over (time, weight) pairs sorted by time; null when beyond them. */
function quantile(sorted: { t: number; w: number }[], total: number, q: number): number | null {
  if (total <= 0) return null;
  const target = q * total;
  let acc = 0;
  for (const x of sorted) {
    acc += x.w;
    // A tiny tolerance keeps float sums of integer weights from missing an exact hit.
    if (acc >= target - 1e-9 * total) return x.t;
  }
  return null;
}

export function summarise(items: Iterable<SummaryItem>): WeightedSummary {
  let population = 0;
  let points = 0;
  const withinPeople = ACCESS_THRESHOLDS_MIN.map(() => 0);
  const bands = { lt5: 0, m5to10: 0, m10to30: 0, gt30: 0 };
  let noSecond = 0;
  let bridge = 0;
  let singleLink = 0;
  let unreachable = 0;
  let unsnapped = 0;
  let reachedWeight = 0;
  let timeWeighted = 0;
  const minutes = new Array<number>(ACCESS_HISTOGRAM_MINUTES).fill(0);
  let beyond = 0;
  const reached: { t: number; w: number }[] = [];
  for (const it of items) {
    points++;
    const w = Math.max(0, it.weight);
    population += w;
    if (w === 0) continue;
    const t = it.time1;
    if (it.status === 'unsnapped') unsnapped += w;
    else if (it.status === 'unreachable' || t === null) unreachable += w;
    if (t === null || it.status !== 'ok') {
      bands.gt30 += w;
      beyond += w;
    } else {
      reached.push({ t, w });
      reachedWeight += w;
      timeWeighted += t * w;
      ACCESS_THRESHOLDS_MIN.forEach((m, i) => {
        if (t <= m * 60) withinPeople[i] += w;
      });
      if (t <= 300) bands.lt5 += w;
      else if (t <= 600) bands.m5to10 += w;
      else if (t <= 1800) bands.m10to30 += w;
      else bands.gt30 += w;
      const minute = Math.floor(t / 60);
      if (minute < ACCESS_HISTOGRAM_MINUTES) minutes[minute] += w;
      else beyond += w;
    }
    if (it.time2 === null || it.time2 > 1800) noSecond += w;
    if (it.bridge) bridge += w;
    if (it.singleLink) singleLink += w;
  }
  reached.sort((a, b) => a.t - b.t);
  const toMin = (s: number | null) => (s === null ? null : s / 60);
  return {
    population,
    points,
    within: Object.fromEntries(
      ACCESS_THRESHOLDS_MIN.map((m, i) => [String(m), share(withinPeople[i], population)]),
    ),
    bands: {
      lt5: share(bands.lt5, population),
      m5to10: share(bands.m5to10, population),
      m10to30: share(bands.m10to30, population),
      gt30: share(bands.gt30, population),
    },
    medianMin: toMin(quantile(reached, population, 0.5)),
    p90Min: toMin(quantile(reached, population, 0.9)),
    meanMin: reachedWeight > 0 ? timeWeighted / reachedWeight / 60 : null,
    noSecondWithin30: { people: noSecond, share: share(noSecond, population) },
    bridgeDependent: { people: bridge, share: share(bridge, population) },
    singleLinkDependent: { people: singleLink, share: share(singleLink, population) },
    unreachable: { people: unreachable, share: share(unreachable, population) },
    unsnapped: { people: unsnapped, share: share(unsnapped, population) },
    minutes,
    beyond,
  };
}
