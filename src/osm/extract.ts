/**
 * Extracts registry candidates (service points and places) from an OSM file in streaming passes,
 * so memory holds only the matching features and the coordinates they need, never the whole
 * file — a Sweden PBF has ~100 M nodes, of which a few hundred thousand matter here.
 *
 * 1. Every element is classified (see `registry-tags.ts`). Matching nodes are finished at once;
 *    matching ways and relations are kept with the node ids (and, for relations, way ids) they
 *    need. Untagged nodes are not even allocated in this pass.
 * 2. Only if something is pending: collect those node coordinates and member ways' node lists.
 * 3. Only if member ways brought in nodes still unknown: collect those coordinates.
 *
 * Files need not be sorted, because each pass reads the whole file. Sub-relations of relations
 * are not followed. Features whose nodes are all missing (clipped by the extract boundary) are
 * reported in `issues` and dropped.
 */
import { type CoordLookup, type LatLon, meanPoint, multipolygonPoint, wayPoint } from './geometry.js';
import { readOsm } from './read.js';
import {
  classifyServiceTags,
  type KindMatch,
  type OsmPower,
  type OsmServiceKind,
  PLACE_TYPES,
  placeTagValues,
  placeTypeOf,
  serviceTagValues,
  type TagIssue,
} from './registry-tags.js';
import type { OsmEntity, OsmReadOptions, OsmReadStats, OsmRelation, OsmTags } from './types.js';

export type OsmExternalId = `node/${number}` | `way/${number}` | `relation/${number}`;

export interface OsmServicePointCandidate {
  externalId: OsmExternalId;
  kind: OsmServiceKind;
  /**
   * The `name` tag, or null: unnamed features are kept (an unnamed fuel station still sells
   * fuel), and the importer decides how to label them.
   */
  name: string | null;
  chain: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  /** WGS 84; for areas the representative point (see `geometry.ts`). */
  lat: number;
  lon: number;
  openingHours: string | null;
  attributes: Record<string, unknown>;
  power?: OsmPower;
  /** All tags of the element, for review and for attributes not (yet) mapped. */
  tags: OsmTags;
}

export interface OsmPlaceCandidate {
  externalId: OsmExternalId;
  name: string | null;
  placeType: string;
  population: number | null;
  seasonalPopulation: number | null;
  lat: number;
  lon: number;
}

export interface OsmExtractIssue {
  element: string;
  field?: string;
  reason: string;
}

export interface OsmExtract {
  servicePoints: OsmServicePointCandidate[];
  places: OsmPlaceCandidate[];
  issues: OsmExtractIssue[];
  /** Element counts of the whole file (not just matches) and its size in bytes. */
  stats: OsmReadStats;
}

export interface OsmExtractOptions extends OsmReadOptions {
  /** Called when a pass starts; `onProgress` restarts from 0 bytes for each pass. */
  onPass?(pass: 1 | 2 | 3): void;
}

/** A matching way or relation waiting for coordinates. */
interface Pending {
  entity: OsmEntity;
  service: KindMatch | null;
  placeType: string | null;
}

/**
 * Reads an OSM file (PBF or XML) and returns its service-point and place candidates.
 *
 * @throws AppError as {@link readOsm}: `file_not_found`, `osm_file_corrupt`,
 *   `osm_feature_unsupported`; rejects with the signal's reason when aborted.
 */
export async function extractRegistryFeatures(
  path: string,
  opts: OsmExtractOptions = {},
): Promise<OsmExtract> {
  const out: OsmExtract = {
    servicePoints: [],
    places: [],
    issues: [],
    stats: { nodes: 0, ways: 0, relations: 0, bytes: 0 },
  };
  const pending: Pending[] = [];
  const coords = new Map<number, LatLon | null>(); // null = wanted, not yet seen
  const wayRefs = new Map<number, number[] | null>();

  opts.onPass?.(1);
  out.stats = await eachEntity(path, { ...opts, skipNodesWithoutTags: true }, (e) => {
    const service = classifyServiceTags(e.tags);
    const placeType = placeTypeOf(e.tags);
    if (!placeType && e.tags.place !== undefined) {
      // Countries, states and regions are areas, not localities people live in: counting them
      // as places would double-count their population, so they are reported, not kept.
      out.issues.push({
        element: `${e.type}/${e.id}`,
        field: 'place',
        reason: `place=${e.tags.place} is not a locality type (${PLACE_TYPES.join(', ')}); not imported as a place`,
      });
    }
    if (!service && !placeType) return;
    if (e.type === 'node') {
      emit(out, { entity: e, service, placeType }, e);
      return;
    }
    pending.push({ entity: e, service, placeType });
    if (e.type === 'way') for (const id of e.refs) coords.set(id, null);
    else
      for (const m of e.members) {
        if (m.type === 'node') coords.set(m.ref, null);
        else if (m.type === 'way') wayRefs.set(m.ref, null);
      }
  });

  if (pending.length > 0) {
    // Untagged nodes are exactly the ones areas are made of.
    const allNodes = { ...opts, skipNodesWithoutTags: false };
    opts.onPass?.(2);
    const late: number[] = []; // nodes first wanted by member ways found in this pass
    await eachEntity(path, allNodes, (e) => {
      if (e.type === 'node') {
        if (coords.get(e.id) === null) coords.set(e.id, { lat: e.lat, lon: e.lon });
      } else if (e.type === 'way' && wayRefs.get(e.id) === null) {
        wayRefs.set(e.id, e.refs);
        for (const id of e.refs) {
          if (!coords.has(id)) {
            coords.set(id, null);
            late.push(id);
          }
        }
      }
    });
    // In a sorted file those nodes came before the ways that named them, hence another pass.
    if (late.some((id) => coords.get(id) === null)) {
      opts.onPass?.(3);
      await eachEntity(path, allNodes, (e) => {
        if (e.type === 'node' && coords.get(e.id) === null) coords.set(e.id, { lat: e.lat, lon: e.lon });
      });
    }
  }

  const lookup: CoordLookup = (id) => coords.get(id) ?? undefined;
  for (const p of pending) {
    const e = p.entity;
    const point =
      e.type === 'way'
        ? wayPoint(e.refs, lookup)
        : e.type === 'relation'
          ? relationPoint(e, lookup, wayRefs)
          : null;
    if (point) emit(out, p, point);
    else {
      const what = p.service ? p.service.kind : `place=${p.placeType}`;
      out.issues.push({
        element: `${e.type}/${e.id}`,
        reason: `${what} feature has no resolvable coordinates (its nodes are not in the file)`,
      });
    }
  }
  return out;
}

/** Runs one pass over the file and returns the reader's totals. */
async function eachEntity(
  path: string,
  opts: OsmReadOptions,
  fn: (e: OsmEntity) => void,
): Promise<OsmReadStats> {
  const reader = readOsm(path, opts);
  for (;;) {
    const r = await reader.next();
    if (r.done) return r.value;
    for (const e of r.value) fn(e);
  }
}

function relationPoint(
  rel: OsmRelation,
  lookup: CoordLookup,
  wayRefs: Map<number, number[] | null>,
): LatLon | null {
  const label = rel.members.find((m) => m.type === 'node' && m.role === 'label');
  const labelPoint = label && lookup(label.ref);
  if (labelPoint) return labelPoint;
  const type = rel.tags.type;
  if (type === 'multipolygon' || type === 'boundary') {
    const ways = (role: (r: string) => boolean) =>
      rel.members
        .filter((m) => m.type === 'way' && role(m.role))
        .map((m) => wayRefs.get(m.ref))
        .filter((w): w is number[] => !!w);
    return multipolygonPoint(
      ways((r) => r === 'outer' || r === ''),
      ways((r) => r === 'inner'),
      lookup,
    );
  }
  const points: LatLon[] = [];
  for (const m of rel.members) {
    const ids = m.type === 'node' ? [m.ref] : m.type === 'way' ? (wayRefs.get(m.ref) ?? []) : [];
    for (const id of ids) {
      const p = lookup(id);
      if (p) points.push(p);
    }
  }
  return meanPoint(points);
}

function emit(out: OsmExtract, p: Pending, at: LatLon): void {
  const e = p.entity;
  const externalId = `${e.type}/${e.id}` as OsmExternalId;
  const tagIssues: TagIssue[] = [];
  if (p.service) {
    const v = serviceTagValues(e.tags, p.service, tagIssues);
    const candidate: OsmServicePointCandidate = {
      externalId,
      kind: p.service.kind,
      name: v.name,
      chain: v.chain,
      address: v.address,
      postcode: v.postcode,
      city: v.city,
      lat: at.lat,
      lon: at.lon,
      openingHours: v.openingHours,
      attributes: v.attributes,
      tags: e.tags,
    };
    if (v.power) candidate.power = v.power;
    out.servicePoints.push(candidate);
  }
  if (p.placeType) {
    const v = placeTagValues(e.tags, tagIssues);
    out.places.push({ externalId, placeType: p.placeType, ...v, lat: at.lat, lon: at.lon });
  }
  for (const i of tagIssues) out.issues.push({ element: externalId, ...i });
}
