/**
 * Renders a SpecDocument as an A4 PDF with pdfkit and the built-in Helvetica fonts (no font files:
 * WinAnsi covers Swedish letters; other symbols are spelled out by toWinAnsi). Node only — kept
 * apart from kravspecifikation.ts so the web bundle can build and preview specs without pdfkit.
 */
import PDFDocument from 'pdfkit';
import { REQUIREMENT_LEVEL_LABELS, type SpecBlock, type SpecDocument } from './spec-document.js';
import { toWinAnsi } from './winansi.js';

const MARGIN = 56;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const BODY_SIZE = 10;
const TABLE_SIZE = 8.5;
const GREY = '#555555';

export interface SpecPdfOptions {
  /** Deflate page content (default true). Tests turn it off to inspect the text operators. */
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;

const t = toWinAnsi;

/** Adds a page when fewer than `needed` points remain above the bottom margin. */
function ensureSpace(pdf: Doc, needed: number): boolean {
  if (pdf.y + needed <= pdf.page.height - pdf.page.margins.bottom) return false;
  pdf.addPage();
  return true;
}

function contentWidth(pdf: Doc) {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
}

function paragraph(pdf: Doc, text: string, font = FONT, size = BODY_SIZE) {
  pdf.font(font).fontSize(size);
  const width = contentWidth(pdf);
  ensureSpace(pdf, Math.min(pdf.heightOfString(t(text), { width }), 3 * size));
  pdf.text(t(text), pdf.page.margins.left, pdf.y, { width, lineGap: 1.5 });
  pdf.moveDown(0.5);
}

/** A label column and a text column, the text wrapping under itself (hanging indent). */
function hanging(pdf: Doc, label: string, text: string, labelWidth: number, labelFont = BOLD) {
  const left = pdf.page.margins.left;
  const width = contentWidth(pdf) - labelWidth;
  pdf.font(FONT).fontSize(BODY_SIZE);
  const h = pdf.heightOfString(t(text), { width, lineGap: 1.5 });
  ensureSpace(pdf, h);
  const y = pdf.y;
  pdf.font(labelFont).text(t(label), left, y, { width: labelWidth - 4 });
  pdf.font(FONT).text(t(text), left + labelWidth, y, { width, lineGap: 1.5 });
  pdf.y = Math.max(pdf.y, y + h);
  pdf.moveDown(0.35);
}

/**
 * Column widths: every column at least as wide as its longest word (so numbers and headings never
 * break mid-word), the remaining width shared in proportion to each column's longest cell.
 */
function columnWidths(pdf: Doc, columns: string[], rows: string[][], total: number, pad: number) {
  const words = (s: string, font: string) => {
    pdf.font(font).fontSize(TABLE_SIZE);
    return Math.max(
      0,
      ...t(s)
        .split(/\s+/)
        .map((w) => pdf.widthOfString(w)),
    );
  };
  const full = (s: string) => pdf.font(FONT).fontSize(TABLE_SIZE).widthOfString(t(s));
  const min = columns.map(
    (c, i) => Math.max(words(c, BOLD), ...rows.map((r) => words(r[i] ?? '', FONT))) + 2 * pad,
  );
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin >= total) return min.map((w) => (w / sumMin) * total);
  const want = columns.map((_, i) => Math.max(...rows.map((r) => full(r[i] ?? '')), 1));
  const sumWant = want.reduce((a, b) => a + b, 0) || 1;
  return min.map((w, i) => w + ((total - sumMin) * want[i]) / sumWant);
}

function table(pdf: Doc, columns: string[], rows: string[][], numeric: boolean[] = []) {
  const left = pdf.page.margins.left;
  const total = contentWidth(pdf);
  const pad = 3;
  const widths = columnWidths(pdf, columns, rows, total, pad);
  const drawRow = (cells: string[], font: string) => {
    pdf.font(font).fontSize(TABLE_SIZE);
    const heights = cells.map((c, i) => pdf.heightOfString(t(c), { width: widths[i] - 2 * pad }));
    const h = Math.max(...heights) + 2 * pad;
    // A table continuing on a new page repeats its header row.
    if (ensureSpace(pdf, h) && font !== BOLD) drawRow(columns, BOLD);
    pdf.font(font).fontSize(TABLE_SIZE);
    const y = pdf.y;
    let x = left;
    cells.forEach((c, i) => {
      pdf.text(t(c), x + pad, y + pad, { width: widths[i] - 2 * pad, align: numeric[i] ? 'right' : 'left' });
      x += widths[i];
    });
    pdf
      .moveTo(left, y + h)
      .lineTo(left + total, y + h)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke();
    pdf.y = y + h;
  };
  drawRow(columns, BOLD);
  for (const r of rows) drawRow(r, FONT);
  pdf.moveDown(0.6);
}

function block(pdf: Doc, b: SpecBlock) {
  switch (b.kind) {
    case 'paragraph':
      paragraph(pdf, b.text);
      return;
    case 'bullets':
      for (const item of b.items) hanging(pdf, '•', item, 12, FONT);
      pdf.moveDown(0.3);
      return;
    case 'requirements':
      for (const r of b.items) hanging(pdf, `${r.id} ${REQUIREMENT_LEVEL_LABELS[r.level]}`, r.text, 58);
      pdf.moveDown(0.3);
      return;
    case 'table':
      table(pdf, b.columns, b.rows, b.numeric);
      return;
  }
}

function footers(pdf: Doc, title: string) {
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    // Writing inside the bottom margin would otherwise trigger an automatic page break.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(FONT)
      .fontSize(8)
      .fillColor(GREY)
      .text(t(`${title} — sida ${i + 1} av ${range.count}`), MARGIN, pdf.page.height - MARGIN / 2 - 8, {
        width: pdf.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
}

/** The PDF bytes of a specification. */
export function renderSpecPdf(doc: SpecDocument, options: SpecPdfOptions = {}): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: 'sv-SE',
    displayTitle: true,
    info: {
      Title: t(doc.title),
      Subject: t(doc.subtitle),
      Creator: 'SOT (service och trygghet)',
      ...(doc.issuedDate ? { CreationDate: new Date(`${doc.issuedDate}T00:00:00Z`) } : {}),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.fillColor('black');
  paragraph(pdf, doc.title, BOLD, 17);
  paragraph(pdf, doc.subtitle, ITALIC, 11);
  pdf.moveDown(0.3);
  for (const m of doc.meta) hanging(pdf, m.label, m.value, 130);
  pdf.moveDown(0.5);
  pdf.fillColor(GREY);
  paragraph(pdf, `Hantering: ${doc.notice}`, ITALIC, 9);
  pdf.fillColor('black');
  for (const s of doc.sections) {
    pdf.moveDown(0.4);
    // Keep a heading together with at least a few lines of its section.
    ensureSpace(pdf, 60);
    paragraph(pdf, `${s.number}. ${s.heading}`, BOLD, 13);
    for (const b of s.blocks) block(pdf, b);
  }
  footers(pdf, doc.title);
  pdf.end();
  return done;
}
