/**
 * The frame a page's main map is drawn in, or the message shown instead when the browser cannot
 * draw maps. `data-ready` tells the browser tests (and anyone inspecting the page) when the
 * map's style has loaded and its layers can be queried.
 */
import type { RefObject } from 'react';
import { useI18n } from '../i18n.js';

/** The map's element and state, as `useMapLibre` (./use-maplibre.ts) gives them. */
export interface MapFrameProps {
  container: RefObject<HTMLDivElement | null>;
  ready: boolean;
  failed: boolean;
  /** Accessible name of the map region. */
  label: string;
  /** Extra class on the frame, for the page's own sizing. */
  className?: string;
}

/** A labelled map region, or an alert saying the map cannot be shown. */
export function MapFrame({ container, ready, failed, label, className }: MapFrameProps) {
  const { t } = useI18n();
  return (
    <div className={className ? `map-frame ${className}` : 'map-frame'}>
      {failed ? (
        <div className="map-failed">
          <p role="alert">{t('map.noWebgl')}</p>
        </div>
      ) : (
        <section
          ref={container}
          className="map-canvas"
          aria-label={label}
          data-ready={ready ? 'true' : 'false'}
        />
      )}
    </div>
  );
}
