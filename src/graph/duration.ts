/**
 * Parses the OSM `duration` tag (ferry crossing times) into seconds. Mappers use `HH:MM`,
 * `HH:MM:SS`, plain minutes (`45`, `7.5`) and ISO 8601 durations (`PT1H30M`); everything else is
 * undefined so the caller falls back to a speed-based estimate.
 */

const CLOCK = /^(\d+):([0-5]?\d)(?::([0-5]?\d))?$/;
const MINUTES = /^(\d+(?:\.\d+)?)$/;
const ISO = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Seconds, or undefined when the value is missing, zero or not a duration. */
export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const seconds = clock(v) ?? minutes(v) ?? iso(v);
  return seconds !== undefined && seconds > 0 && Number.isFinite(seconds) ? seconds : undefined;
}

function clock(v: string): number | undefined {
  const m = CLOCK.exec(v);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0) : undefined;
}

function minutes(v: string): number | undefined {
  const m = MINUTES.exec(v);
  return m ? Number(m[1]) * 60 : undefined;
}

function iso(v: string): number | undefined {
  const m = ISO.exec(v);
  // `P` and `PT` alone match the pattern but say nothing.
  if (!m || (m[1] ?? m[2] ?? m[3] ?? m[4]) === undefined) return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}
