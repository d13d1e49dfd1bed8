/**
 * Population points of the accessibility results on the offline MapLibre style, coloured by time
 * band or by nearest service (catchments; SOT-punkter the reader may not see share one colour).
 * The point picker and table beside it carry the same content for keyboard and screen-reader users.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ExpressionSpecification } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { MapFrame } from '../map/MapFrame.js';
import { buildMapStyle, type GeoJsonCollection } from '../map/style.js';
import { useFitBounds, useGeoJsonData, useMapLibre } from '../map/use-maplibre.js';
import type { BBox } from '../types.js';
import { BAND_COLORS, CATEGORY_COLORS, HIDDEN_COLOR } from './format.js';
import { useAccessI18n } from './i18n.js';

/** Source and layer ids (tests query them). */
export const ACCESS_MAP_IDS = { source: 'access-points', circle: 'access-points-circle' } as const;

function colourExpression(mode: 'time' | 'catchment'): ExpressionSpecification {
  if (mode === 'catchment') {
    const palette = CATEGORY_COLORS.flatMap((c, i) => [i, c]);
    // A hidden SOT-punkt has no id (the server withholds it): one colour for all of them.
    return [
      'case',
      ['==', ['get', 'nearestHidden'], true],
      HIDDEN_COLOR,
      ['==', ['get', 'nearestId'], null],
      BAND_COLORS.none,
      [
        'match',
        ['%', ['to-number', ['get', 'nearestId']], CATEGORY_COLORS.length],
        ...palette,
        BAND_COLORS.none,
      ],
    ] as unknown as ExpressionSpecification;
  }
  const t = ['/', ['to-number', ['coalesce', ['get', 'time1S'], -1]], 60];
  return [
    'case',
    ['==', ['get', 'time1S'], null],
    BAND_COLORS.none,
    ['<=', t, 5],
    BAND_COLORS.lt5,
    ['<=', t, 10],
    BAND_COLORS.m5to10,
    ['<=', t, 30],
    BAND_COLORS.m10to30,
    BAND_COLORS.gt30,
  ] as unknown as ExpressionSpecification;
}

/** The results map; `mode` switches the colouring, a click on a point calls `onPick` with its ref. */
export function AccessMap({
  data,
  mode,
  bbox,
  tileUrl,
  tileAttribution,
  onPick,
}: {
  data: GeoJsonCollection;
  mode: 'time' | 'catchment';
  bbox: BBox | null;
  tileUrl?: string | null;
  tileAttribution?: string | null;
  onPick(ref: string): void;
}) {
  const { a } = useAccessI18n();
  const pick = useRef(onPick);
  pick.current = onPick;

  const { container, map, failed } = useMapLibre({
    style: () => {
      const style = buildMapStyle({ tileUrl, tileAttribution });
      style.sources[ACCESS_MAP_IDS.source] = {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
      };
      style.layers.push({
        id: ACCESS_MAP_IDS.circle,
        type: 'circle',
        source: ACCESS_MAP_IDS.source,
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 4, 12, 9],
          'circle-color': colourExpression('time'),
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      });
      return style;
    },
    view: { bounds: bbox },
    tileUrl,
    setUp: (created) => {
      created.on('click', ACCESS_MAP_IDS.circle, (e) => {
        const ref = e.features?.[0]?.properties?.ref;
        if (typeof ref === 'string') pick.current(ref);
      });
    },
  });

  useGeoJsonData(map, ACCESS_MAP_IDS.source, data);

  useEffect(() => {
    map?.setPaintProperty(ACCESS_MAP_IDS.circle, 'circle-color', colourExpression(mode));
  }, [map, mode]);

  useFitBounds(map, bbox);

  return (
    <MapFrame
      container={container}
      ready={map !== null}
      failed={failed}
      label={a('acc.mapLabel')}
      className="access-map"
    />
  );
}
