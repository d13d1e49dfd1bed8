/**
 * OSM files (`.osm.pbf`, `.osm`, `.osm.gz`) as import input: the streaming extractor in src/osm
 * finds the service points and places; this module fits them to SOT's schemas. External ids are
 * `node/123`, `way/45`, `relation/6` in source `osm`.
 *
 * Attributes the kind's schema does not accept are left out (with one summary warning), and a tag
 * that is absent never erases a value someone entered in SOT (null = not provided).
 */
import { extractRegistryFeatures, type OsmServicePointCandidate } from '../osm/extract.js';
import { KIND_LABELS } from '../shared/kinds.js';
import {
  attributesSchemaByKind,
  placeCreateSchema,
  servicePointCreateSchema,
} from '../shared/service-point.js';
import type { Candidate } from './records.js';
import type { ImportIssue, ImportProgress } from './types.js';
import { controlCharacter, controlCharacterIssue } from './values.js';

/** Candidates from an OSM file, with the extractor's issues as warnings. */
export interface OsmReadResult {
  candidates: Candidate[];
  issues: ImportIssue[];
  read: number;
}

/** Keeps the attributes the kind's schema accepts, one key at a time. */
function fitAttributes(sp: OsmServicePointCandidate, dropped: Map<string, number>): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...sp.attributes };
  const schema = attributesSchemaByKind[sp.kind];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    if (schema.safeParse({ [key]: value }).success) out[key] = value;
    else dropped.set(key, (dropped.get(key) ?? 0) + 1);
  }
  return out;
}

function fitPower(sp: OsmServicePointCandidate): Record<string, unknown> | undefined {
  if (!sp.power) return undefined;
  if (sp.power.type === 'grid') return { type: 'grid' };
  return typeof sp.power.kva === 'number' && sp.power.kva > 0
    ? { type: 'backup', kva: sp.power.kva }
    : { type: 'backup' };
}

/** Fields given as null are unknown in OSM, not "empty": they never overwrite stored values. */
function providedOf(obj: Record<string, unknown>, always: string[]): Set<string> {
  const s = new Set(always);
  for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined) s.add(k);
  return s;
}

/**
 * Errors for the text fields of an element that hold a control character (U+0000 …), which the
 * database cannot store: the element is left out (or skipped) with its id, field and tag named.
 */
function controlIssues(
  element: string,
  fields: Record<string, unknown>,
  tags: Record<string, string> = {},
): ImportIssue[] {
  const badTags = Object.keys(tags).filter((k) => controlCharacter(k) ?? controlCharacter(tags[k]));
  const tagNote = badTags.length > 0 ? ` (OSM tag ${badTags.join(', ')})` : '';
  const out: ImportIssue[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const hit = controlCharacterIssue(value);
    if (hit)
      out.push({
        severity: 'error',
        element,
        field,
        reason: `${hit.reason}${tagNote}`,
        code: hit.code,
        params: hit.params,
      });
  }
  return out;
}

/**
 * Extracts service points and/or places from an OSM file and validates them.
 *
 * @throws AppError `osm_file_corrupt` / `osm_feature_unsupported` / `file_not_found` from the reader.
 */
export async function readOsmCandidates(
  path: string,
  opts: {
    servicePoints: boolean;
    places: boolean;
    onProgress?: (p: ImportProgress) => void;
    signal?: AbortSignal;
  },
): Promise<OsmReadResult> {
  // The extractor reads the file up to three times; each pass restarts the `read` phase at 0.
  const extract = await extractRegistryFeatures(path, {
    signal: opts.signal,
    onProgress: (done, total) => opts.onProgress?.({ phase: 'read', done, total }),
  });
  const issues: ImportIssue[] = extract.issues.map((i) => ({ severity: 'warning', ...i }));
  const candidates: Candidate[] = [];
  const dropped = new Map<string, number>();
  let read = 0;

  if (opts.servicePoints) {
    for (const sp of extract.servicePoints) {
      read++;
      const bad = controlIssues(
        sp.externalId,
        {
          name: sp.name,
          chain: sp.chain,
          address: sp.address,
          postcode: sp.postcode,
          city: sp.city,
          openingHours: sp.openingHours,
          attributes: sp.attributes,
        },
        sp.tags,
      );
      if (bad.length > 0) {
        issues.push(...bad);
        continue;
      }
      let name = sp.name?.trim() || null;
      if (!name) {
        name = `${KIND_LABELS[sp.kind].sv} ${sp.externalId}`;
        issues.push({
          severity: 'warning',
          element: sp.externalId,
          field: 'name',
          reason: `no name tag; stored as "${name}"`,
        });
      }
      const attributes = fitAttributes(sp, dropped);
      const power = fitPower(sp);
      const input = {
        kind: sp.kind,
        name,
        chain: sp.chain,
        address: sp.address,
        postcode: sp.postcode,
        city: sp.city,
        lat: sp.lat,
        lon: sp.lon,
        openingHours: sp.openingHours,
        attributes,
        ...(power ? { power } : {}),
        externalIds: {},
      };
      const parsed = servicePointCreateSchema.safeParse(input);
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          issues.push({
            severity: 'error',
            element: sp.externalId,
            field: i.path.map(String).join('.') || undefined,
            reason: i.message,
          });
        continue;
      }
      const provided = providedOf(
        {
          chain: sp.chain,
          address: sp.address,
          postcode: sp.postcode,
          city: sp.city,
          openingHours: sp.openingHours,
        },
        ['kind', 'name', 'lat', 'lon'],
      );
      if (power) provided.add('power');
      candidates.push({
        entity: 'service_point',
        loc: { element: sp.externalId },
        ref: sp.externalId,
        data: parsed.data,
        provided,
        attributeKeys: new Set(Object.keys(attributes)),
        givenMunicipalityCode: null,
      });
    }
  }

  if (opts.places) {
    for (const p of extract.places) {
      read++;
      const bad = controlIssues(p.externalId, { name: p.name, placeType: p.placeType });
      if (bad.length > 0) {
        issues.push(...bad);
        continue;
      }
      let name = p.name?.trim() || null;
      if (!name) {
        name = `${p.placeType} ${p.externalId}`;
        issues.push({
          severity: 'warning',
          element: p.externalId,
          field: 'name',
          reason: `no name tag; stored as "${name}"`,
        });
      }
      const parsed = placeCreateSchema.safeParse({
        name,
        placeType: p.placeType,
        population: p.population,
        seasonalPopulation: p.seasonalPopulation,
        lat: p.lat,
        lon: p.lon,
        externalIds: {},
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          issues.push({
            severity: 'error',
            element: p.externalId,
            field: i.path.map(String).join('.') || undefined,
            reason: i.message,
          });
        continue;
      }
      candidates.push({
        entity: 'place',
        loc: { element: p.externalId },
        ref: p.externalId,
        data: parsed.data,
        provided: providedOf({ population: p.population, seasonalPopulation: p.seasonalPopulation }, [
          'name',
          'placeType',
          'lat',
          'lon',
        ]),
        attributeKeys: new Set(),
        givenMunicipalityCode: null,
      });
    }
  }

  if (dropped.size > 0)
    issues.push({
      severity: 'warning',
      field: 'attributes',
      reason: `OSM values SOT's attribute schema has no field for were not stored: ${[...dropped]
        .map(([k, n]) => `${k} (${n})`)
        .join(', ')}`,
    });
  return { candidates, issues, read };
}
