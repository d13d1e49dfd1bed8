/**
 * The contact tree (ringlista) of a point's organisation: who calls whom when the municipality
 * activates the point, printable on one A4 page as HTML or PDF. It lists names and phone numbers,
 * so it is personal data: reading it is audited like the member list.
 */

import { eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { DbOrTx } from '../db/client.js';
import { type sotMembers, sotOrganisations } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { loadPoint } from './access.js';
import { stockholmDate } from './dates.js';
import { auditPersonalRead, membersForTree } from './organisation.js';
import {
  MEMBER_ROLE_LABELS,
  type MemberRole,
  ORGANISATION_LABELS,
  type OrganisationType,
} from './schemas.js';

type MemberRow = typeof sotMembers.$inferSelect;

export interface ContactNode {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  roles: MemberRole[];
  children: ContactNode[];
}

export interface ContactTree {
  pointId: number;
  pointName: string;
  organisationName: string | null;
  organisationType: OrganisationType | null;
  /** The organisation's contact person (name, phone), if recorded. */
  contact: string | null;
  printedOn: string;
  roots: ContactNode[];
  memberCount: number;
}

const rank = (m: MemberRow) =>
  m.roles.includes('aktiveringsledare') ? 0 : m.roles.includes('ersattare') ? 1 : 2;

function byOrder(a: MemberRow, b: MemberRow): number {
  return rank(a) - rank(b) || a.callOrder - b.callOrder || a.id - b.id;
}

/**
 * Members as a forest: roots are those nobody calls (or whose caller is gone), activation leaders
 * first. A loop in stored data (prevented on write) is broken rather than followed forever.
 */
export function buildContactTree(members: MemberRow[]): ContactNode[] {
  const ids = new Set(members.map((m) => m.id));
  const children = new Map<number, MemberRow[]>();
  const roots: MemberRow[] = [];
  for (const m of members) {
    if (m.calledBy === null || !ids.has(m.calledBy) || m.calledBy === m.id) roots.push(m);
    else {
      const list = children.get(m.calledBy) ?? [];
      list.push(m);
      children.set(m.calledBy, list);
    }
  }
  const seen = new Set<number>();
  const build = (m: MemberRow): ContactNode => {
    seen.add(m.id);
    return {
      id: m.id,
      name: m.name,
      phone: m.phone,
      email: m.email,
      roles: m.roles as MemberRole[],
      children: (children.get(m.id) ?? [])
        .filter((c) => !seen.has(c.id))
        .sort(byOrder)
        .map(build),
    };
  };
  const forest = roots.sort(byOrder).map(build);
  // Members only reachable through a loop: show them as roots so nobody is left off the list.
  for (const m of [...members].sort(byOrder)) if (!seen.has(m.id)) forest.push(build(m));
  return forest;
}

/** The tree of a point (personal data: requires the personal right; the read is audited). */
export async function getContactTree(db: DbOrTx, actor: Actor, pointId: number): Promise<ContactTree> {
  const { row: point } = await loadPoint(db, actor, pointId, 'personal');
  const members = await membersForTree(db, pointId);
  const [org] = await db.select().from(sotOrganisations).where(eq(sotOrganisations.pointId, pointId));
  await auditPersonalRead(db, actor, point, 'sot_contact_tree', members.length);
  const contact = org ? [org.contactName, org.contactPhone].filter(Boolean).join(', ') : '';
  return {
    pointId,
    pointName: point.name,
    organisationName: org?.name ?? null,
    organisationType: (org?.type as OrganisationType | undefined) ?? null,
    contact: contact || null,
    printedOn: stockholmDate(),
    roots: buildContactTree(members),
    memberCount: members.length,
  };
}

/** Depth-first lines of the tree: what both renderers print. */
export function treeLines(roots: ContactNode[]): { depth: number; node: ContactNode }[] {
  const out: { depth: number; node: ContactNode }[] = [];
  const walk = (n: ContactNode, depth: number) => {
    out.push({ depth, node: n });
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

const roleText = (roles: MemberRole[]) => roles.map((r) => MEMBER_ROLE_LABELS[r]?.sv ?? r).join(', ');

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const MARKING = 'Intern — innehåller personuppgifter. Förvaras skyddat, kasseras när en ny lista skrivs ut.';

/** A self-contained HTML page sized to print on one A4 page. */
export function renderContactTreeHtml(tree: ContactTree): string {
  const lines = treeLines(tree.roots);
  // Shrink the type for long lists so the page still fits on one sheet.
  const fontPt = lines.length > 40 ? 8 : lines.length > 25 ? 9.5 : 11;
  const item = (n: ContactNode): string => {
    const kids = n.children.length > 0 ? `<ol>${n.children.map(item).join('')}</ol>` : '';
    const roles = n.roles.length > 0 ? ` <span class="roles">${escapeHtml(roleText(n.roles))}</span>` : '';
    const phone = n.phone
      ? `<span class="phone">${escapeHtml(n.phone)}</span>`
      : '<span class="missing">telefon saknas</span>';
    const email = n.email ? ` <span class="email">${escapeHtml(n.email)}</span>` : '';
    return `<li><span class="name">${escapeHtml(n.name)}</span>${roles} ${phone}${email}${kids}</li>`;
  };
  const org = tree.organisationName
    ? `${escapeHtml(tree.organisationName)}${tree.organisationType ? ` (${escapeHtml(ORGANISATION_LABELS[tree.organisationType].sv)})` : ''}`
    : 'Ingen organisation registrerad';
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<title>Kontaktträd — ${escapeHtml(tree.pointName)}</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: Helvetica, Arial, sans-serif; font-size: ${fontPt}pt; color: #000; margin: 0; }
h1 { font-size: 1.6em; margin: 0 0 0.2em; }
.meta { margin: 0 0 0.8em; }
.marking { border: 1px solid #000; padding: 0.3em 0.5em; font-weight: bold; margin-bottom: 0.8em; }
ol { list-style: none; margin: 0; padding-left: 1.4em; border-left: 1px solid #888; }
body > ol { padding-left: 0; border-left: none; }
li { margin: 0.25em 0; break-inside: avoid; }
.name { font-weight: bold; }
.roles { color: #333; font-style: italic; }
.phone { font-family: "Courier New", monospace; font-size: 1.1em; }
.email { color: #333; }
.missing { color: #b00; }
footer { margin-top: 1em; font-size: 0.85em; }
</style>
</head>
<body>
<div class="marking">${escapeHtml(MARKING)}</div>
<h1>Kontaktträd — ${escapeHtml(tree.pointName)}</h1>
<p class="meta">${org}${tree.contact ? ` · kontaktperson ${escapeHtml(tree.contact)}` : ''}<br>Gruppen aktiveras av kommunen, som ringer den första i trädet.<br>Utskrivet ${escapeHtml(tree.printedOn)} · ${tree.memberCount} medlemmar</p>
<ol>${tree.roots.map(item).join('')}</ol>
<footer>Den som blir uppringd ringer sina egna kontakter i ordning. Når du inte någon: ring nästa och meddela den som ringde dig.</footer>
</body>
</html>
`;
}

/** The same page as a one-page A4 PDF. */
export function renderContactTreePdf(tree: ContactTree): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 40,
      info: { Title: `Kontaktträd — ${tree.pointName}` },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const width = doc.page.width - 80;
    doc.font('Helvetica-Bold').fontSize(9).text(MARKING, { width });
    doc.moveDown(0.5);
    doc.fontSize(18).text(`Kontaktträd — ${tree.pointName}`, { width });
    doc.font('Helvetica').fontSize(10);
    const org = tree.organisationName
      ? `${tree.organisationName}${tree.organisationType ? ` (${ORGANISATION_LABELS[tree.organisationType].sv})` : ''}`
      : 'Ingen organisation registrerad';
    doc.text(org, { width });
    if (tree.contact) doc.text(`Kontaktperson: ${tree.contact}`, { width });
    doc.text('Gruppen aktiveras av kommunen, som ringer den första i trädet.', { width });
    doc.text(`Utskrivet ${tree.printedOn} · ${tree.memberCount} medlemmar`, { width });
    doc.moveDown(0.8);
    const lines = treeLines(tree.roots);
    const bottom = doc.page.height - 75;
    const available = bottom - doc.y;
    // One line per member; shrink the type so every member fits on the single page.
    const lineHeight = Math.max(7, Math.min(20, available / Math.max(1, lines.length)));
    const fontSize = Math.min(11, lineHeight * 0.62);
    for (const { depth, node } of lines) {
      const x = 40 + depth * 18;
      const y = doc.y;
      if (depth > 0) {
        doc
          .moveTo(x - 12, y - lineHeight * 0.3)
          .lineTo(x - 12, y + fontSize * 0.6)
          .lineTo(x - 3, y + fontSize * 0.6)
          .strokeColor('#888')
          .stroke();
      }
      const roles = node.roles.length > 0 ? ` (${roleText(node.roles)})` : '';
      doc
        .font('Helvetica-Bold')
        .fontSize(fontSize)
        .text(node.name, x, y, { continued: true, lineBreak: false });
      doc
        .font('Helvetica')
        .text(`${roles}   ${node.phone ?? 'telefon saknas'}${node.email ? `   ${node.email}` : ''}`, {
          lineBreak: false,
        });
      doc.x = 40;
      doc.y = y + lineHeight;
    }
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(
        'Den som blir uppringd ringer sina egna kontakter i ordning. Når du inte någon: ring nästa och meddela den som ringde dig.',
        40,
        bottom + 10,
        { width, lineBreak: true },
      );
    doc.end();
  });
}
