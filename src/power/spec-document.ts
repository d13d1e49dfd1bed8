/**
 * A small structured document model for generated specifications, rendered to Markdown (editable)
 * and PDF by separate renderers, so the content is written once.
 */

/** `ska` = mandatory requirement (ska-krav), `bor` = desired requirement (bör-krav). */
export type RequirementLevel = 'ska' | 'bor';

export const REQUIREMENT_LEVEL_LABELS: Record<RequirementLevel, string> = { ska: 'Ska', bor: 'Bör' };

export interface SpecRequirement {
  /** Section-relative number such as `4.2`, unique in the document. */
  id: string;
  level: RequirementLevel;
  text: string;
}

export type SpecBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'requirements'; items: SpecRequirement[] }
  | { kind: 'table'; columns: string[]; rows: string[][]; numeric?: boolean[] };

export interface SpecSection {
  number: number;
  /** Stable key for UI anchors and tests, e.g. `effekt`. */
  key: string;
  heading: string;
  blocks: SpecBlock[];
}

export interface SpecDocument {
  title: string;
  subtitle: string;
  /** Label/value pairs shown under the title (municipality, point, date, reference…). */
  meta: { label: string; value: string }[];
  /** Handling notice shown prominently (confidentiality). */
  notice: string;
  sections: SpecSection[];
  /** ISO date (YYYY-MM-DD) the document is issued, if given. */
  issuedDate: string | null;
}

/** Every requirement in document order. */
export function allRequirements(doc: SpecDocument): SpecRequirement[] {
  return doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'requirements' ? b.items : [])));
}
