/**
 * Lenient parsing of cell values as people type them in spreadsheets: decimal commas, spaces as
 * thousands separators, `ja`/`nej`, `|`-separated lists. Each parser returns the value or an
 * error reason; the caller attaches line and field.
 */

/** Issue code and placeholder values of a failure (see `ImportIssue.code`). */
export interface IssueCode {
  code?: string;
  params?: Record<string, string | number>;
}

/** A parsed value, or why the text could not be parsed (English `reason`, plus a code for clients). */
export type Parsed<T> = { ok: true; value: T } | ({ ok: false; reason: string } & IssueCode);

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string, code: string, value: unknown): Parsed<never> => ({
  ok: false,
  reason,
  code,
  params: { value: clip(value) },
});

/** Trimmed text; empty → null. Numbers and booleans (GeoJSON properties) become strings. */
export function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Index of the first C0 control character other than tab, line feed and CR, or -1. PostgreSQL `text` cannot
 * hold U+0000 at all (the insert fails with a raw SQL error), and the others are never meant in a
 * name or an address: they come from binary files or broken exports.
 */
function controlAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
  }
  return -1;
}

/** The first string inside `v` (a string, or nested in arrays/objects) that holds a control character. */
function findControl(v: unknown, depth = 0): { text: string; at: number } | null {
  if (typeof v === 'string') {
    const at = controlAt(v);
    return at >= 0 ? { text: v, at } : null;
  }
  if (depth > 20 || v === null || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v)) {
    const hit = findControl(k, depth + 1) ?? findControl(x, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * Why a value cannot be stored as text, or null when it can: the reason names the first control
 * character (`U+0000`) and its position. Arrays and objects (GeoJSON properties) are searched
 * through, since their strings end up in text or jsonb columns, which reject U+0000 too.
 */
export function controlCharacter(v: unknown): string | null {
  return controlCharacterIssue(v)?.reason ?? null;
}

/** {@link controlCharacter} with the issue code `control_character` and its `char`/`position`. */
export function controlCharacterIssue(
  v: unknown,
): { reason: string; code: string; params: Record<string, string | number> } | null {
  const hit = findControl(v);
  if (!hit) return null;
  const ch = hit.text.charCodeAt(hit.at);
  const char = `U+${ch.toString(16).toUpperCase().padStart(4, '0')}${ch === 0 ? ' (NUL)' : ''}`;
  return {
    reason: `contains the control character ${char} at position ${hit.at + 1}, which text cannot hold (a binary or damaged file?)`,
    code: 'control_character',
    params: { char, position: hit.at + 1 },
  };
}

/** A value as text, cut at 40 characters so a message is never flooded. */
export function clip(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Shows a value in an error message without flooding it. */
export function show(v: unknown): string {
  return `'${clip(v)}'`;
}

/** A finite number; accepts `63,1792` (decimal comma) and `1 234` (space as thousands separator). */
export function number(v: unknown): Parsed<number | null> {
  if (typeof v === 'number')
    return Number.isFinite(v) ? ok(v) : fail(`not a finite number: ${v}`, 'not_a_finite_number', String(v));
  const t = text(v);
  if (t === null) return ok(null);
  let s = t.replace(/[\s\u00a0\u202f]/g, '');
  if (/^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s))
    return fail(`not a number: ${show(t)}`, 'not_a_number', t);
  const n = Number(s);
  return Number.isFinite(n) ? ok(n) : fail(`not a finite number: ${show(t)}`, 'not_a_finite_number', t);
}

/** A whole number (counts such as population). */
export function integer(v: unknown): Parsed<number | null> {
  const n = number(v);
  if (!n.ok || n.value === null) return n;
  return Number.isInteger(n.value) ? n : fail(`not a whole number: ${show(v)}`, 'not_a_whole_number', v);
}

const TRUE = new Set(['true', 'yes', 'ja', 'j', 'y', '1', 'x', 'sant']);
const FALSE = new Set(['false', 'no', 'nej', 'n', '0', 'falskt']);

/** `true/false`, `ja/nej`, `yes/no`, `1/0`, `x` (ticked); empty → null. */
export function boolean(v: unknown): Parsed<boolean | null> {
  if (typeof v === 'boolean') return ok(v);
  const t = text(v);
  if (t === null) return ok(null);
  const l = t.toLowerCase();
  if (TRUE.has(l)) return ok(true);
  if (FALSE.has(l)) return ok(false);
  return fail(`not a yes/no value: ${show(t)} (use true/false, ja/nej or 1/0)`, 'not_a_boolean', t);
}

/** `diesel|petrol_95` (also `,` or `;` inside a cell) or a JSON array → trimmed list. */
export function list(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  const t = text(v);
  if (t === null) return null;
  return t
    .split(/[|,;]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Municipality codes lose their leading zero in spreadsheets (`114` for `0114`). */
export function municipalityCode(v: unknown): string | null {
  const t = text(v);
  if (t === null) return null;
  return /^\d{3}$/.test(t) ? `0${t}` : t;
}
