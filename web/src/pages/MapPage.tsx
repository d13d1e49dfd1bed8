/**
 * The map view: municipality boundaries, places sized by population and service points coloured
 * by kind, with a legend that doubles as the kind filter and a side list of the shown points
 * (the map's content for keyboard and screen-reader users, and for browsers without WebGL).
 */
import { useMemo, useState } from 'react';
import { KIND_COLORS, SERVICE_POINT_KINDS, type ServiceKind } from '../../../src/shared/kinds.js';
import { queryString } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { useApi, useDocumentTitle } from '../hooks.js';
import { formatNumber, useI18n } from '../i18n.js';
import { MapView } from '../map/MapView.js';
import type { PopupLabels } from '../map/popup.js';
import { EMPTY_COLLECTION, type GeoJsonCollection } from '../map/style.js';
import { navigate, paths } from '../router.js';
import { canEdit, unionBBox, useSession } from '../session.js';

/** Enough for every point of a county (a few thousand); the API caps page size at 10 000. */
const MAP_PAGE_SIZE = 10_000;
/** The side list stops here; the table is the tool for browsing more. */
const LIST_LIMIT = 100;
const HIDDEN_KINDS_KEY = 'sot.map.hiddenKinds';

function loadHiddenKinds(): string[] {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(HIDDEN_KINDS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Counts features per `kind` property. */
export function countByKind(points: GeoJsonCollection): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of points.features) {
    const kind = String(f.properties?.kind ?? '');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

/** The page at `/karta`. */
export function MapPage() {
  const { t, lang, kind: kindLabel, label } = useI18n();
  const { user, config, territories } = useSession();
  useDocumentTitle(t('app.documentTitle', { page: t('map.title') }));
  const boundaries = useApi<GeoJsonCollection>('/api/territories/boundaries');
  const points = useApi<GeoJsonCollection>(
    `/api/service-points${queryString({ format: 'geojson', pageSize: MAP_PAGE_SIZE, sort: 'name' })}`,
  );
  const places = useApi<GeoJsonCollection>(
    `/api/places${queryString({ format: 'geojson', pageSize: MAP_PAGE_SIZE, sort: 'population', order: 'desc' })}`,
  );
  const [hidden, setHidden] = useState<string[]>(loadHiddenKinds);
  const [showPlaces, setShowPlaces] = useState(true);
  const [showBoundaries, setShowBoundaries] = useState(true);
  const [focus, setFocus] = useState<{ id: number; nonce: number } | null>(null);

  const pointData = points.data ?? EMPTY_COLLECTION;
  const counts = useMemo(() => countByKind(pointData), [pointData]);
  const presentKinds = SERVICE_POINT_KINDS.filter((k) => counts.has(k));
  const visibleKinds = useMemo(
    () => SERVICE_POINT_KINDS.filter((k) => !hidden.includes(k)) as string[],
    [hidden],
  );
  const shown = pointData.features.filter((f) => visibleKinds.includes(String(f.properties?.kind)));
  const bbox = useMemo(() => unionBBox(territories.municipalities.map((m) => m.bbox)), [territories]);

  function setHiddenKinds(next: string[]) {
    setHidden(next);
    try {
      window.localStorage.setItem(HIDDEN_KINDS_KEY, JSON.stringify(next));
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }

  const municipalityName = (code: string) =>
    territories.municipalities.find((m) => m.code === code)?.name ?? code;
  const popupLabels: PopupLabels = {
    kind: kindLabel,
    power: (type) => label('power', type),
    municipality: municipalityName,
    action: canEdit(user) ? t('map.edit') : t('map.open'),
    chain: t('sp.chain'),
    address: t('sp.address'),
    municipalityLabel: t('sp.municipality'),
    powerLabel: t('sp.power'),
  };

  const error = boundaries.error ?? points.error ?? places.error;
  const loading = boundaries.loading || points.loading || places.loading;

  return (
    <section className="map-page" aria-labelledby="page-title">
      <h1 id="page-title" className="visually-hidden">
        {t('map.title')}
      </h1>
      <div className="map-side">
        <LoadState
          loading={loading}
          error={error}
          onRetry={() => {
            boundaries.reload();
            points.reload();
            places.reload();
          }}
        />
        <fieldset className="legend" aria-describedby="legend-hint">
          <legend>{t('map.legend')}</legend>
          <p id="legend-hint" className="hint">
            {t('map.legendHint')}
          </p>
          {points.data && presentKinds.length === 0 && <p>{t('map.empty')}</p>}
          <ul className="legend-list">
            {presentKinds.map((k) => (
              <li key={k}>
                <label className="legend-item">
                  <input
                    type="checkbox"
                    checked={!hidden.includes(k)}
                    onChange={(e) =>
                      setHiddenKinds(e.target.checked ? hidden.filter((h) => h !== k) : [...hidden, k])
                    }
                  />
                  <span
                    className="legend-swatch"
                    style={{ background: KIND_COLORS[k as ServiceKind] }}
                    aria-hidden="true"
                  />
                  <span className="legend-label">{kindLabel(k)}</span>
                  <span className="legend-count" data-kind-count={k}>
                    {formatNumber(counts.get(k) ?? 0)}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {presentKinds.length > 1 && (
            <div className="legend-actions">
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setHiddenKinds([])}
              >
                {t('map.showAll')}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => setHiddenKinds([...SERVICE_POINT_KINDS])}
              >
                {t('map.hideAll')}
              </button>
            </div>
          )}
        </fieldset>
        <fieldset className="legend">
          <legend>{t('map.layers')}</legend>
          <label className="legend-item">
            <input type="checkbox" checked={showPlaces} onChange={(e) => setShowPlaces(e.target.checked)} />
            <span className="legend-swatch legend-swatch-place" aria-hidden="true" />
            <span className="legend-label">{t('map.places')}</span>
            <span className="legend-count">{formatNumber(places.data?.features.length ?? 0)}</span>
          </label>
          <label className="legend-item">
            <input
              type="checkbox"
              checked={showBoundaries}
              onChange={(e) => setShowBoundaries(e.target.checked)}
            />
            <span className="legend-swatch legend-swatch-boundary" aria-hidden="true" />
            <span className="legend-label">{t('map.boundaries')}</span>
          </label>
        </fieldset>
        <p
          role="status"
          className="map-summary"
          data-shown={shown.length}
          data-total={pointData.features.length}
        >
          {points.data
            ? t('map.shown', {
                shown: formatNumber(shown.length),
                total: formatNumber(pointData.features.length),
              })
            : ''}
        </p>
        <h2 className="list-title">{t('map.listTitle')}</h2>
        <ul className="point-list">
          {shown.slice(0, LIST_LIMIT).map((f) => {
            const id = Number(f.properties?.id ?? f.id);
            const name = String(f.properties?.name ?? '');
            const kind = String(f.properties?.kind ?? '');
            return (
              <li key={id}>
                <button
                  type="button"
                  className="point-list-item"
                  title={t('map.showOnMap', { name })}
                  onClick={() => setFocus({ id, nonce: Date.now() })}
                >
                  <span
                    className="legend-swatch"
                    style={{ background: KIND_COLORS[kind as ServiceKind] ?? '#666' }}
                    aria-hidden="true"
                  />
                  <span className="point-name">{name}</span>
                  <span className="point-kind">{kindLabel(kind)}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {shown.length > LIST_LIMIT && <p className="hint">{t('map.listTruncated', { n: LIST_LIMIT })}</p>}
      </div>
      <MapView
        key={`map-${lang}`}
        label={t('map.region')}
        boundaries={boundaries.data ?? EMPTY_COLLECTION}
        places={places.data ?? EMPTY_COLLECTION}
        points={pointData}
        visibleKinds={visibleKinds}
        showPlaces={showPlaces}
        showBoundaries={showBoundaries}
        bbox={bbox}
        tileUrl={config.tileUrl}
        tileAttribution={config.tileAttribution}
        focus={focus}
        popupLabels={popupLabels}
        onOpen={(id) => navigate(paths.servicePoint(id))}
      />
    </section>
  );
}
