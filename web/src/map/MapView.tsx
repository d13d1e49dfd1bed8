/**
 * The MapLibre map: created once, then fed data, kind filters and layer visibility through
 * props. A click on a service point (or "show on map" in the side list) opens a popup with the
 * point's details and a link to its page.
 */
import type { Map as MapLibreMap, Popup } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import type { BBox } from '../types.js';
import { MapFrame } from './MapFrame.js';
import { buildPopup, type PopupLabels } from './popup.js';
import { buildMapStyle, type GeoJsonCollection, kindFilter, MAP_IDS, selectedFilter } from './style.js';
import { openPopupAt, pointerOverLayer, useFitBounds, useGeoJsonData, useMapLibre } from './use-maplibre.js';

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
  const popupRef = useRef<Popup | null>(null);
  // Handlers registered once read the latest props through this ref.
  const latest = useRef(props);
  latest.current = props;

  const { container, map, failed } = useMapLibre({
    style: () => buildMapStyle({ tileUrl: props.tileUrl, tileAttribution: props.tileAttribution }),
    view: { bounds: props.bbox },
    tileUrl: props.tileUrl,
    setUp: (created) => {
      pointerOverLayer(created, MAP_IDS.pointsCircle);
      created.on('click', MAP_IDS.pointsCircle, (e) => {
        const id = Number(e.features?.[0]?.properties?.id);
        if (Number.isFinite(id)) openPopup(created, id);
      });
      return () => popupRef.current?.remove();
    },
  });

  function openPopup(map: MapLibreMap, id: number) {
    const feature = latest.current.points.features.find((f) => Number(f.properties?.id ?? f.id) === id);
    if (!feature) return;
    const coordinates = (feature.geometry as { coordinates: [number, number] }).coordinates;
    popupRef.current?.remove();
    const content = buildPopup(feature.properties ?? {}, latest.current.popupLabels, () =>
      latest.current.onOpen(id),
    );
    const popup = openPopupAt(map, coordinates, content);
    popup.on('close', () => {
      if (popupRef.current === popup) map.setFilter(MAP_IDS.pointsSelected, selectedFilter(null));
    });
    popupRef.current = popup;
    map.setFilter(MAP_IDS.pointsSelected, selectedFilter(id));
  }

  useGeoJsonData(map, MAP_IDS.boundaries, props.boundaries);
  useGeoJsonData(map, MAP_IDS.places, props.places);
  useGeoJsonData(map, MAP_IDS.points, props.points);

  useEffect(() => {
    map?.setFilter(MAP_IDS.pointsCircle, kindFilter(props.visibleKinds));
  }, [map, props.visibleKinds]);

  useEffect(() => {
    if (!map) return;
    map.setLayoutProperty(MAP_IDS.placesCircle, 'visibility', props.showPlaces ? 'visible' : 'none');
    const b = props.showBoundaries ? 'visible' : 'none';
    map.setLayoutProperty(MAP_IDS.boundariesFill, 'visibility', b);
    map.setLayoutProperty(MAP_IDS.boundariesLine, 'visibility', b);
  }, [map, props.showPlaces, props.showBoundaries]);

  useFitBounds(map, props.bbox);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per focus request; openPopup reads the latest props itself
  useEffect(() => {
    if (!map || !props.focus) return;
    const feature = props.points.features.find((f) => Number(f.properties?.id ?? f.id) === props.focus?.id);
    if (!feature) return;
    const [lon, lat] = (feature.geometry as { coordinates: [number, number] }).coordinates;
    map.easeTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 11), duration: 300 });
    openPopup(map, props.focus.id);
  }, [map, props.focus]);

  return <MapFrame container={container} ready={map !== null} failed={failed} label={props.label} />;
}
