/**
 * Calendar dates as `YYYY-MM-DD` strings. Deadlines (test runs, agreement reminders, training
 * expiry) are Swedish local dates: a test run logged at 00:30 on the 1st in Stockholm belongs to
 * the new month even though it is still the previous day in UTC.
 */

const stockholm = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Stockholm local date of an instant (default: now). */
export function stockholmDate(at: Date = new Date()): string {
  const parts = stockholm.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parse(date: string): Ymd {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const format = ({ y, m, d }: Ymd) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `date` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  const { y, m, d } = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** `date` plus `months`, clamped to the last day of the target month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return format({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** First day of the month of `date`. */
export function monthStart(date: string): string {
  const { y, m } = parse(date);
  return format({ y, m, d: 1 });
}

/** Last day of the month of `date`. */
export function monthEnd(date: string): string {
  const { y, m } = parse(date);
  return format({ y, m, d: daysInMonth(y, m) });
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / 86_400_000);
}
