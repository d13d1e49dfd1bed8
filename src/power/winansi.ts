/**
 * Makes text safe for the PDF standard fonts (Helvetica), which use WinAnsiEncoding: Latin-1 plus a
 * few typographic characters. Swedish letters (åäöÅÄÖé) are covered; symbols such as φ, ≥ and −
 * are not and would print as garbage, so they are spelled out.
 */

/** Code points above Latin-1 that WinAnsiEncoding has (0x80–0x9F block). */
const WINANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
]);

const REPLACEMENTS: Record<string, string> = {
  φ: 'phi',
  Φ: 'Phi',
  '≥': '>=',
  '≤': '<=',
  '−': '-',
  '‑': '-',
  '≈': 'ca',
  '∞': 'obegränsat',
  '→': '->',
  '✓': 'x',
  Σ: 'summa',
  '\u2009': ' ',
  '\u202f': ' ',
};

/** True when the character can be shown by a WinAnsi-encoded standard font. */
export function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WINANSI_EXTRA.has(c);
}

/** Replaces characters outside WinAnsi with readable stand-ins, or `?` when none is known. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isWinAnsi(ch)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ch === '\n' ? '\n' : ' ';
    else out += REPLACEMENTS[ch] ?? '?';
  }
  return out;
}
