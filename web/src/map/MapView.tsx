/**
 * The MapLibre map: created once, then fed data, kind filters and layer visibility through
 * props. A click on a service point (or "show on map" in the side list) opens a popup with the
 * point's details and a link to its page.
 */
import maplibregl, { type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.js';
import type { BBox } from '../types.js';
import { buildPopup, type PopupLabels } from './popup.js';
import { buildMapStyle, type GeoJsonCollection, kindFilter, MAP_IDS, selectedFilter } from './style.js';

declare global {
  interface Window {
    /** The live map, for debugging in the console and for the browser tests. */
    __sotMap?: MapLibreMap;
  }
}

/** Data and display choices for {@link MapView}. */
export interface MapViewProps {
  boundaries: GeoJsonCollection;
  places: GeoJsonCollection;
  points: GeoJsonCollection;
  visibleKinds: readonly string[];
  showPlaces: boolean;
  showBoundaries: boolean;
  bbox: BBox | null;
  tileUrl?: string | null;
  tileAttribution?: string | null;
  /** A point to fly to and open; `nonce` lets the same point be focused twice. */
  focus: { id: number; nonce: number } | null;
  popupLabels: PopupLabels;
  onOpen(id: number): void;
  label: string;
}

/** The map, or a plain message when the browser cannot draw it (no WebGL). */
export function MapView(props: MapViewProps) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const popupRef = useRef<maplibregl.Popup | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  // Handlers registered once read the latest props through this ref.
  const latest = useRef(props);
  latest.current = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; later prop changes go through the effects below
  useEffect(() => {
    if (!container.current) return;
    let map: MapLibreMap;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: buildMapStyle({ tileUrl: props.tileUrl, tileAttribution: props.tileAttribution }),
        bounds: props.bbox ?? [10.5, 55.2, 24.2, 69.1],
        fitBoundsOptions: { padding: 24 },
        // Always on: our road background is OpenStreetMap data, whose licence asks for the credit.
        attributionControl: { compact: !props.tileUrl },
        dragRotate: false,
        pitchWithRotate: false,
        maxPitch: 0,
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
    mapRef.current = map;
    window.__sotMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.on('error', (e) => {
      // A lost WebGL context is fatal; tile errors (optional background) are not.
      if (String(e.error?.message ?? '').includes('WebGL')) setFailed(true);
    });
    map.on('load', () => setReady(true));
    map.on('mouseenter', MAP_IDS.pointsCircle, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', MAP_IDS.pointsCircle, () => {
      map.getCanvas().style.cursor = '';
    });
    map.on('click', MAP_IDS.pointsCircle, (e) => {
      const id = Number(e.features?.[0]?.properties?.id);
      if (Number.isFinite(id)) openPopup(id);
    });
    return () => {
      popupRef.current?.remove();
      map.remove();
      mapRef.current = null;
      if (window.__sotMap === map) window.__sotMap = undefined;
    };
  }, []);

  function openPopup(id: number) {
    const map = mapRef.current;
    const feature = latest.current.points.features.find((f) => Number(f.properties?.id ?? f.id) === id);
    if (!map || !feature) return;
    const coordinates = (feature.geometry as { coordinates: [number, number] }).coordinates;
    popupRef.current?.remove();
    const content = buildPopup(feature.properties ?? {}, latest.current.popupLabels, () =>
      latest.current.onOpen(id),
    );
    const popup = new maplibregl.Popup({ maxWidth: '300px', focusAfterOpen: true, closeButton: true })
      .setLngLat(coordinates)
      .setDOMContent(content)
      .addTo(map);
    popup.on('close', () => {
      if (popupRef.current === popup) map.setFilter(MAP_IDS.pointsSelected, selectedFilter(null));
    });
    popupRef.current = popup;
    map.setFilter(MAP_IDS.pointsSelected, selectedFilter(id));
  }

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource(MAP_IDS.boundaries) as GeoJSONSource).setData(props.boundaries as never);
    (map.getSource(MAP_IDS.places) as GeoJSONSource).setData(props.places as never);
    (map.getSource(MAP_IDS.points) as GeoJSONSource).setData(props.points as never);
  }, [ready, props.boundaries, props.places, props.points]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.setFilter(MAP_IDS.pointsCircle, kindFilter(props.visibleKinds));
  }, [ready, props.visibleKinds]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.setLayoutProperty(MAP_IDS.placesCircle, 'visibility', props.showPlaces ? 'visible' : 'none');
    const b = props.showBoundaries ? 'visible' : 'none';
    map.setLayoutProperty(MAP_IDS.boundariesFill, 'visibility', b);
    map.setLayoutProperty(MAP_IDS.boundariesLine, 'visibility', b);
  }, [ready, props.showPlaces, props.showBoundaries]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !props.bbox) return;
    map.fitBounds(props.bbox, { padding: 24, animate: false });
  }, [ready, props.bbox]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per focus request; openPopup reads the latest props itself
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !props.focus) return;
    const feature = props.points.features.find((f) => Number(f.properties?.id ?? f.id) === props.focus?.id);
    if (!feature) return;
    const [lon, lat] = (feature.geometry as { coordinates: [number, number] }).coordinates;
    map.easeTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 11), duration: 300 });
    openPopup(props.focus.id);
  }, [ready, props.focus]);

  return (
    <div className="map-frame">
      {failed ? (
        <div className="map-failed">
          <p role="alert">{t('map.noWebgl')}</p>
        </div>
      ) : (
        <section
          ref={container}
          className="map-canvas"
          aria-label={props.label}
          data-ready={ready ? 'true' : 'false'}
        />
      )}
    </div>
  );
}
