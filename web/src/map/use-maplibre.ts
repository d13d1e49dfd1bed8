/**
 * The set-up every MapLibre map in the app shares, in one place so the maps cannot drift apart:
 * the same map options (flat, no rotation, the map credit always shown), the same
 * controls and translated control labels, the same fallback when WebGL is missing, the same
 * `window.__sotMap` hook for the browser tests and the same clean-up. The components keep their
 * own sources, layers and interactions; they reach the map through the small hooks below once
 * its style has loaded.
 */
import maplibregl, {
  type GeoJSONSource,
  type Map as MapLibreMap,
  type Popup,
  type StyleSpecification,
} from 'maplibre-gl';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.js';
import type { BBox } from '../types.js';
import type { GeoJsonCollection } from './style.js';

declare global {
  interface Window {
    /** The live map, for debugging in the console and for the browser tests. */
    __sotMap?: MapLibreMap;
  }
}

/** What a map shows before the caller knows its data's extent: all of Sweden. */
const SWEDEN_BOUNDS: BBox = [10.5, 55.2, 24.2, 69.1];
/** Space (px) kept between fitted bounds and the map's edge, so edge points are not cut off. */
const FIT_PADDING = 24;

/** How {@link useMapLibre} creates its map. Read once, when the map is created. */
export interface MapLibreOptions {
  /** Builds the style; components add their own sources and layers to `buildMapStyle()`'s. */
  style(): StyleSpecification;
  /** Where the map opens: a bounding box (null: all of Sweden) or a centre and zoom. */
  view: { bounds: BBox | null } | { center: [number, number]; zoom: number };
  /** The server's raster tile URL, if any: our own road background starts with a compact credit. */
  tileUrl?: string | null;
  /**
   * A small aid map beside a form (the location picker) rather than a page's main map: it opens
   * its bounds without padding, keeps MapLibre's default pitch limits, has no scale bar, keeps
   * drawing after a WebGL error and is not exposed as `window.__sotMap` (tests drive the page's
   * main map through it).
   */
  inset?: boolean;
  /**
   * Wires the component's own handlers (clicks, hover, popups) once, right after the map is
   * created. It runs with the first render's closure, so it should read changing props through a
   * ref. A returned function runs just before the map is removed.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: React's effect contract: a set-up without clean-up returns nothing
  setUp?(map: MapLibreMap): (() => void) | void;
}

/** What {@link useMapLibre} gives its component. */
export interface MapLibreHandle {
  /** Goes on the element the map is drawn into; it must be rendered on the first render. */
  container: RefObject<HTMLDivElement | null>;
  /**
   * The map once its style has loaded, null before: effects that touch sources or layers depend
   * on it, so they run as soon as the map can take them and again when their own data changes.
   */
  map: MapLibreMap | null;
  /** True when the browser could not draw the map (no WebGL): show a message instead. */
  failed: boolean;
}

/**
 * Creates a MapLibre map once, when the component mounts, and removes it on unmount. Later prop
 * changes reach the map through the caller's effects (see {@link useGeoJsonData},
 * {@link useFitBounds}), never by re-creating it: that would lose the user's pan and zoom.
 */
export function useMapLibre(options: MapLibreOptions): MapLibreHandle {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; later changes go through the caller's effects
  useEffect(() => {
    if (!container.current) return;
    const { view, inset = false } = options;
    let created: MapLibreMap;
    try {
      created = new maplibregl.Map({
        container: container.current,
        style: options.style(),
        ...('center' in view
          ? { center: view.center, zoom: view.zoom }
          : { bounds: view.bounds ?? SWEDEN_BOUNDS }),
        ...(inset ? {} : { fitBoundsOptions: { padding: FIT_PADDING }, pitchWithRotate: false, maxPitch: 0 }),
        // Always on: the roads' credit (from their TileJSON: OpenStreetMap's, whose licence asks for
        // it, or the demo's fictional-region notice) must stay readable.
        attributionControl: { compact: !options.tileUrl },
        dragRotate: false,
        locale: {
          'NavigationControl.ZoomIn': t('map.zoomIn'),
          'NavigationControl.ZoomOut': t('map.zoomOut'),
          'Popup.Close': t('common.close'),
        },
      });
    } catch {
      setFailed(true);
      return;
    }
    created.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    if (!inset) {
      window.__sotMap = created;
      created.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
      created.on('error', (e) => {
        // A lost WebGL context is fatal; tile errors (optional background) are not.
        if (String(e.error?.message ?? '').includes('WebGL')) setFailed(true);
      });
    }
    created.on('load', () => setMap(created));
    const tearDown = options.setUp?.(created);
    return () => {
      tearDown?.();
      created.remove();
      if (window.__sotMap === created) window.__sotMap = undefined;
    };
  }, []);

  return { container, map, failed };
}

/**
 * Keeps the GeoJSON source `sourceId` (declared in the style) showing `data`. Missing data (still
 * loading) leaves the source as it is. Pass a stable object: new data means a new setData.
 */
export function useGeoJsonData(
  map: MapLibreMap | null,
  sourceId: string,
  data: GeoJsonCollection | null | undefined,
): void {
  useEffect(() => {
    if (!map || !data) return;
    (map.getSource(sourceId) as GeoJSONSource).setData(data as never);
  }, [map, sourceId, data]);
}

/** Fits the map to `bbox` whenever it changes (the user's territory, a filter's extent). */
export function useFitBounds(map: MapLibreMap | null, bbox: BBox | null): void {
  useEffect(() => {
    if (!map || !bbox) return;
    map.fitBounds(bbox, { padding: FIT_PADDING, animate: false });
  }, [map, bbox]);
}

/** Shows the pointer cursor over `layerId`'s features, so users see they can be clicked. */
export function pointerOverLayer(map: MapLibreMap, layerId: string): void {
  map.on('mouseenter', layerId, () => {
    map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', layerId, () => {
    map.getCanvas().style.cursor = '';
  });
}

/** Opens a popup with `content` at `lngLat`, focused so keyboard users land in it. */
export function openPopupAt(map: MapLibreMap, lngLat: [number, number], content: HTMLElement): Popup {
  return new maplibregl.Popup({ maxWidth: '300px', focusAfterOpen: true, closeButton: true })
    .setLngLat(lngLat)
    .setDOMContent(content)
    .addTo(map);
}
