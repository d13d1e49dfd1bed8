/** Renders a SpecDocument as GitHub-flavoured Markdown: the editable form of the kravspecifikation. */
import { REQUIREMENT_LEVEL_LABELS, type SpecBlock, type SpecDocument } from './spec-document.js';

/** Pipes and line breaks would break a table row. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function table(columns: string[], rows: string[][], numeric: boolean[] = []): string {
  const head = `| ${columns.map(cell).join(' | ')} |`;
  const rule = `|${columns.map((_, i) => (numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`;
  const body = rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

function block(b: SpecBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return b.text;
    case 'bullets':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'requirements':
      return b.items.map((r) => `- **${r.id} ${REQUIREMENT_LEVEL_LABELS[r.level]}:** ${r.text}`).join('\n');
    case 'table':
      return table(b.columns, b.rows, b.numeric);
  }
}

/** Markdown text of the whole document, ending with a newline. */
export function renderSpecMarkdown(doc: SpecDocument): string {
  const parts: string[] = [`# ${doc.title}`, `_${doc.subtitle}_`];
  if (doc.meta.length > 0)
    parts.push(
      table(
        ['Uppgift', 'Värde'],
        doc.meta.map((m) => [m.label, m.value]),
      ),
    );
  parts.push(`> **Hantering:** ${doc.notice}`);
  for (const s of doc.sections) {
    parts.push(`## ${s.number}. ${s.heading}`);
    for (const b of s.blocks) parts.push(block(b));
  }
  return `${parts.join('\n\n')}\n`;
}
