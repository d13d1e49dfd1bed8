import { describe, expect, it } from 'vitest';
import type { sotMembers } from '../db/schema.js';
import {
  buildContactTree,
  type ContactTree,
  renderContactTreeHtml,
  renderContactTreePdf,
  treeLines,
} from './contact-tree.js';

type Row = typeof sotMembers.$inferSelect;
const at = new Date('2026-01-01T00:00:00Z');
const m = (id: number, name: string, calledBy: number | null, roles: string[] = [], callOrder = 0): Row => ({
  id,
  pointId: 1,
  name,
  phone: `070-174 06 ${String(id).padStart(2, '0')}`,
  email: null,
  address: null,
  roles,
  competences: [],
  calledBy,
  callOrder,
  note: null,
  createdAt: at,
  updatedAt: at,
});

describe('buildContactTree', () => {
  it('puts the activation leader first and nests who calls whom in call order', () => {
    const tree = buildContactTree([
      m(1, 'Bo', null),
      m(2, 'Karin', null, ['aktiveringsledare']),
      m(3, 'Mats', 2, [], 2),
      m(4, 'Lena', 2, [], 1),
      m(5, 'Per', 4),
    ]);
    expect(treeLines(tree).map((l) => `${'-'.repeat(l.depth)}${l.node.name}`)).toEqual([
      'Karin',
      '-Lena',
      '--Per',
      '-Mats',
      'Bo',
    ]);
  });

  it('keeps members whose caller is gone, or who sit in a loop, on the list', () => {
    const tree = buildContactTree([m(1, 'A', 99), m(2, 'B', 3), m(3, 'C', 2)]);
    const names = treeLines(tree).map((l) => l.node.name);
    expect(names.sort()).toEqual(['A', 'B', 'C']);
  });
});

describe('contact tree rendering', () => {
  const tree: ContactTree = {
    pointId: 1,
    pointName: 'SOT-punkt Kall',
    organisationName: 'FRG Kall',
    organisationType: 'frg',
    contact: 'Karin <070>',
    printedOn: '2026-06-15',
    roots: buildContactTree([m(1, 'Karin <b>', null, ['aktiveringsledare']), m(2, 'Mats', 1)]),
    memberCount: 2,
  };

  it('renders an escaped, print-ready HTML page with the marking', () => {
    const html = renderContactTreeHtml(tree);
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html).toMatch(/Intern — innehåller personuppgifter/);
    expect(html).toContain('Karin &#60;b&#62;');
    expect(html).not.toContain('<b>');
    expect(html).toContain('070-174 06 02');
    expect(html).toContain('Aktiveringsledare');
    expect(html).toContain('kontaktperson Karin &#60;070&#62;');
  });

  it('renders a one-page PDF even for a long list', async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      m(i + 1, `Medlem ${i + 1}`, i === 0 ? null : Math.ceil(i / 3)),
    );
    const pdf = await renderContactTreePdf({ ...tree, roots: buildContactTree(many), memberCount: 60 });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages).toHaveLength(1);
  });
});
