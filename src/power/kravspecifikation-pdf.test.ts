import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designPower } from './design.js';
import { KALL_EXAMPLE_ITEMS, KALL_GENSET_KVA } from './examples.js';
import { buildRequirementSpec } from './kravspecifikation.js';
import { renderSpecPdf } from './kravspecifikation-pdf.js';
import { isWinAnsi, toWinAnsi } from './winansi.js';

const doc = buildRequirementSpec({
  point: { name: 'Kall', municipality: 'Åre', storeName: 'Kall Livs', fuelStationName: 'Kall Bränsle' },
  design: designPower({ items: KALL_EXAMPLE_ITEMS, installedGensetKva: KALL_GENSET_KVA, tankLitres: 1000 }),
  options: { issuedDate: '2025-01-15' },
});

/** Page objects (`/Type /Page`, not `/Type /Pages`). */
const pageCount = (pdf: string) => (pdf.match(/\/Type \/Page\b(?!s)/g) ?? []).length;

/**
 * Text of an uncompressed pdfkit PDF: each TJ array's hex strings decoded as WinAnsi/Latin-1 (the
 * numbers between them are kerning), one line per array.
 */
function textLines(pdf: string): string[] {
  return [...pdf.matchAll(/\[((?:<[0-9a-f]*>|\s|-?\d+(?:\.\d+)?)*)\] TJ/g)].map((m) =>
    [...m[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''),
  );
}

describe('renderSpecPdf', () => {
  it('produces a multi-page PDF', async () => {
    const buf = await renderSpecPdf(doc);
    const s = buf.toString('latin1');
    expect(s.startsWith('%PDF-')).toBe(true);
    expect(s.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(buf.length).toBeGreaterThan(5000);
    const pages = pageCount(s);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(s).toContain(`/Count ${pages}`);
  });

  it('writes Swedish letters as WinAnsi glyphs and spells out other symbols', async () => {
    const s = (await renderSpecPdf(doc, { compress: false })).toString('latin1');
    const text = textLines(s).join('\n');
    expect(text).toContain('Kravspecifikation: reservkraft för SOT-punkt Kall');
    expect(text).toContain('Åre');
    expect(text).toContain('Bränsletank och påfyllning');
    expect(text).toContain('4.1 Ska');
    // cos φ → cos phi (φ has no WinAnsi glyph)
    expect(text).toContain('cos phi 0,8');
    expect(text).not.toContain('φ');
    expect(text).toMatch(/sida 1 av \d+/);
    // Characters above U+00FF would come out as odd-length or multi-byte hex; every byte must be a
    // defined WinAnsi code (0x80–0x9F hold typographic characters such as – and •, except 5 holes).
    const hex = [...s.matchAll(/\[([^\]]*)\] TJ/g)].flatMap((m) =>
      [...m[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]),
    );
    for (const h of hex) expect(h.length % 2, h).toBe(0);
    const undefinedCodes = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    for (const ch of text.replace(/\n/g, '')) {
      const c = ch.charCodeAt(0);
      expect(c >= 0x20 && c !== 0x7f && !undefinedCodes.has(c), JSON.stringify(ch)).toBe(true);
    }
  });

  it('keeps all text on the page', async () => {
    const s = (await renderSpecPdf(doc, { compress: false })).toString('latin1');
    const positions = [...s.matchAll(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(positions.length).toBeGreaterThan(100);
    // A4 is 595.28 × 841.89 pt; margins are 56 pt (the footer sits inside the bottom margin).
    for (const [x, y] of positions) {
      expect(x).toBeGreaterThanOrEqual(56);
      expect(x).toBeLessThan(595.28 - 56);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(841.89 - 56);
    }
  });

  it('compresses by default', async () => {
    const compressed = await renderSpecPdf(doc);
    const plain = await renderSpecPdf(doc, { compress: false });
    expect(compressed.length).toBeLessThan(plain.length);
  });
});

describe('toWinAnsi', () => {
  it('keeps Swedish letters and replaces unsupported symbols', () => {
    expect(toWinAnsi('cos φ ≥ 0,8 vid −30 °C – åäö ÅÄÖ é ×')).toBe('cos phi >= 0,8 vid -30 °C – åäö ÅÄÖ é ×');
    expect(toWinAnsi('😀')).toBe('?');
  });

  it('always returns WinAnsi-safe text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        for (const ch of toWinAnsi(s)) expect(isWinAnsi(ch) || ch === '\n').toBe(true);
      }),
    );
  });
});
