/**
 * GeoJSON companions of the demo OSM file: municipality and county boundaries (OSM files rarely
 * carry usable boundaries, and SOT imports them separately) and the localities with their
 * resident and seasonal populations. Coordinates are WGS 84 [lon, lat] with 7 decimals, the same
 * rounding as the OSM file, so a place here and its `place=*` node there are the same point.
 */
import { type Frame, latOf, lonOf, type Rect, type XY } from './geom.js';
import { DEMO_COUNTY_CODE, DEMO_COUNTY_NAME, type Municipality, type Place } from './places.js';

type Position = [number, number];

const round7 = (v: number): number => Number(v.toFixed(7));

function position(f: Frame, p: XY): Position {
  return [round7(lonOf(f, p.x)), round7(latOf(f, p.y))];
}

/** A closed GeoJSON linear ring from an open counter-clockwise ring. */
function ringCoords(f: Frame, ring: readonly XY[]): Position[] {
  const out = ring.map((p) => position(f, p));
  out.push(out[0]);
  return out;
}

/** One feature per line: diff-friendly and still compact. */
function featureCollection(features: object[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((x) => JSON.stringify(x)).join(',\n')}\n]}\n`;
}

/** `municipalities.geojson`: one Polygon per municipality with `code`, `name` and `county_code`. */
export function municipalitiesGeoJson(f: Frame, municipalities: readonly Municipality[]): string {
  return featureCollection(
    municipalities.map((m) => ({
      type: 'Feature',
      properties: { code: m.code, name: m.name, county_code: DEMO_COUNTY_CODE },
      geometry: { type: 'Polygon', coordinates: [ringCoords(f, m.ring)] },
    })),
  );
}

/**
 * The county is the whole region (the frame, or all tiles of a tiled region), which the
 * municipalities partition exactly.
 */
export function countyGeoJson(f: Frame, region: Rect): string {
  const corners: XY[] = [
    { x: region.minX, y: region.minY },
    { x: region.maxX, y: region.minY },
    { x: region.maxX, y: region.maxY },
    { x: region.minX, y: region.maxY },
  ];
  return featureCollection([
    {
      type: 'Feature',
      properties: { code: DEMO_COUNTY_CODE, name: DEMO_COUNTY_NAME },
      geometry: { type: 'Polygon', coordinates: [ringCoords(f, corners)] },
    },
  ]);
}

/** `places.geojson`: one Point per locality with id, name, kind, resident and seasonal population. */
export function placesGeoJson(
  f: Frame,
  places: readonly Place[],
  municipalities: readonly Municipality[],
): string {
  return featureCollection(
    places.map((p) => ({
      type: 'Feature',
      properties: {
        id: p.id,
        name: p.name,
        place: p.kind,
        population: p.population,
        seasonal_population: p.seasonal,
        municipality_code: municipalities[p.municipality].code,
      },
      geometry: { type: 'Point', coordinates: position(f, p.node) },
    })),
  );
}
