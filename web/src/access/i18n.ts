/** Texts of the accessibility page in Swedish (default) and English, beside the module like sot/. */
import { useMemo } from 'react';
import { ACCESS_GROUP_LABELS } from '../../../src/shared/access.js';
import { type I18n, type Lang, type Params, useI18n } from '../i18n.js';

const sv = {
  'acc.title': 'Tillgänglighet',
  'acc.intro': 'Restid med bil från orter och befolkningsrutor till närmaste service, viktad med befolkning.',
  'acc.group': 'Servicegrupp',
  'acc.weighting': 'Befolkning',
  'acc.weighting.resident': 'Folkbokförda',
  'acc.weighting.seasonal': 'Säsong (inkl. fritidsboende)',
  'acc.weighting.hint':
    'Säsong räknar med fritidsboende där orten har en säsongsbefolkning. Befolkningsrutor och orter utan den uppgiften räknas med sina folkbokförda.',
  'acc.weighting.caption.resident': 'folkbokförd befolkning',
  'acc.weighting.caption.seasonal': 'säsongsbefolkning (inkl. fritidsboende)',
  'acc.colourBy': 'Färga punkterna efter',
  'acc.colourBy.time': 'Restid till närmaste',
  'acc.colourBy.catchment': 'Närmaste service (upptagningsområde)',
  'acc.mapLabel': 'Karta över befolkningspunkter färgade efter restid',
  'acc.legend': 'Teckenförklaring',
  'acc.band.lt5': 'Högst 5 min',
  'acc.band.m5to10': '5–10 min',
  'acc.band.m10to30': '10–30 min',
  'acc.band.gt30': 'Över 30 min',
  'acc.band.none': 'Nås inte',
  'acc.catchmentHint':
    'Varje färg är en service: punkterna har den som närmaste. Färgerna kan upprepas när servicen är många.',
  'acc.legend.hiddenSot': 'SOT-punkt (annan kommun)',
  'acc.points': '{n} befolkningspunkter',
  'acc.pickPoint': 'Välj ort eller ruta',
  'acc.pickNone': 'Ingen vald',
  'acc.point.title': 'Restid från {name}',
  'acc.point.population': 'Folkmängd: {n}',
  'acc.point.nearest': 'Närmaste',
  'acc.point.second': 'Näst närmaste',
  'acc.point.time': '{min} min ({km} km)',
  'acc.point.unreachable': 'Nås inte med bil',
  'acc.point.unsnapped': 'För långt från närmaste väg',
  'acc.point.hiddenSot': 'SOT-punkt i annan kommun',
  'acc.point.hiddenSotHint':
    'SOT-punkter är beredskapsinformation: du ser restiden till punkter utanför ditt område men inte vilka de är.',
  'acc.summary': 'Sammanställning per kommun',
  'acc.municipality': 'Kommun',
  'acc.municipality.all': 'Hela området',
  'acc.col.level': 'Nivå',
  'acc.col.code': 'Kod',
  'acc.levelName.municipality': 'Kommun',
  'acc.levelName.county': 'Län',
  'acc.col.area': 'Område',
  'acc.col.population': 'Befolkning',
  'acc.col.population.seasonal': 'Säsongsbefolkning',
  'acc.col.lt5': 'Andel ≤ 5 min',
  'acc.col.m5to10': '5–10 min',
  'acc.col.m10to30': '10–30 min',
  'acc.col.gt30': '> 30 min',
  'acc.col.median': 'Median, min',
  'acc.col.p90': '90:e percentil, min',
  'acc.col.noSecond': 'Ingen andra inom 30 min',
  'acc.col.bridge': 'Beroende av en bro',
  'acc.col.weighting': 'Viktning',
  'acc.level.county': 'Län {code}',
  'acc.exportCsv': 'Ladda ner CSV',
  'acc.exportGeojson': 'Ladda ner GeoJSON',
  'acc.exportXlsx': 'Ladda ner XLSX',
  'acc.chart': 'Andel av befolkningen inom restid',
  'acc.chartLabel':
    '{name}: andel av befolkningen som når närmaste service inom 5 min {p5}, 10 min {p10}, 30 min {p30}, 60 min {p60}.',
  'acc.chartTable': 'Andel inom minuter',
  'acc.minutes': 'Minuter',
  'acc.share': 'Andel',
  'acc.run': 'Beräkning',
  'acc.run.none': 'Ingen beräkning är gjord ännu.',
  'acc.run.info': 'Vägnät {graph}, beräknad {when}',
  'acc.run.stale': 'Inaktuell: {reasons}',
  'acc.run.current': 'Aktuell',
  'acc.run.rerun': 'Kör om',
  'acc.run.running': 'Beräknar… {pct} %',
  'acc.run.failed': 'Beräkningen misslyckades: {error}',
  'acc.run.done': 'Beräkningen är klar.',
  'acc.noData': 'Inga resultat för gruppen.',
};
export type AccessKey = keyof typeof sv;

const en: Record<AccessKey, string> = {
  'acc.title': 'Accessibility',
  'acc.intro':
    'Driving time from places and population cells to the nearest service, weighted by population.',
  'acc.group': 'Service group',
  'acc.weighting': 'Population',
  'acc.weighting.resident': 'Registered residents',
  'acc.weighting.seasonal': 'Seasonal (incl. holiday homes)',
  'acc.weighting.hint':
    'Seasonal counts holiday-home residents where a place has a seasonal population. Population cells and places without that figure count their registered residents.',
  'acc.weighting.caption.resident': 'registered residents',
  'acc.weighting.caption.seasonal': 'seasonal population (incl. holiday homes)',
  'acc.colourBy': 'Colour points by',
  'acc.colourBy.time': 'Time to the nearest',
  'acc.colourBy.catchment': 'Nearest service (catchment)',
  'acc.mapLabel': 'Map of population points coloured by driving time',
  'acc.legend': 'Legend',
  'acc.band.lt5': 'Up to 5 min',
  'acc.band.m5to10': '5–10 min',
  'acc.band.m10to30': '10–30 min',
  'acc.band.gt30': 'Over 30 min',
  'acc.band.none': 'Not reachable',
  'acc.catchmentHint':
    'Each colour is one service: the points have it as their nearest. Colours may repeat when there are many services.',
  'acc.legend.hiddenSot': 'SOT point (another municipality)',
  'acc.points': '{n} population points',
  'acc.pickPoint': 'Choose a place or cell',
  'acc.pickNone': 'None chosen',
  'acc.point.title': 'Driving time from {name}',
  'acc.point.population': 'Population: {n}',
  'acc.point.nearest': 'Nearest',
  'acc.point.second': 'Second nearest',
  'acc.point.time': '{min} min ({km} km)',
  'acc.point.unreachable': 'Not reachable by car',
  'acc.point.unsnapped': 'Too far from the nearest road',
  'acc.point.hiddenSot': 'SOT point in another municipality',
  'acc.point.hiddenSotHint':
    'SOT points are civil-defence information: you see the driving time to points outside your area but not which they are.',
  'acc.summary': 'Summary per municipality',
  'acc.municipality': 'Municipality',
  'acc.municipality.all': 'The whole area',
  'acc.col.level': 'Level',
  'acc.col.code': 'Code',
  'acc.levelName.municipality': 'Municipality',
  'acc.levelName.county': 'County',
  'acc.col.area': 'Area',
  'acc.col.population': 'Population',
  'acc.col.population.seasonal': 'Seasonal population',
  'acc.col.lt5': 'Share ≤ 5 min',
  'acc.col.m5to10': '5–10 min',
  'acc.col.m10to30': '10–30 min',
  'acc.col.gt30': '> 30 min',
  'acc.col.median': 'Median, min',
  'acc.col.p90': '90th percentile, min',
  'acc.col.noSecond': 'No second within 30 min',
  'acc.col.bridge': 'Depends on one bridge',
  'acc.col.weighting': 'Weighting',
  'acc.level.county': 'County {code}',
  'acc.exportCsv': 'Download CSV',
  'acc.exportGeojson': 'Download GeoJSON',
  'acc.exportXlsx': 'Download XLSX',
  'acc.chart': 'Share of the population within a driving time',
  'acc.chartLabel':
    '{name}: share of the population reaching the nearest service within 5 min {p5}, 10 min {p10}, 30 min {p30}, 60 min {p60}.',
  'acc.chartTable': 'Share within minutes',
  'acc.minutes': 'Minutes',
  'acc.share': 'Share',
  'acc.run': 'Analysis run',
  'acc.run.none': 'No analysis has been run yet.',
  'acc.run.info': 'Road graph {graph}, computed {when}',
  'acc.run.stale': 'Out of date: {reasons}',
  'acc.run.current': 'Up to date',
  'acc.run.rerun': 'Run again',
  'acc.run.running': 'Computing… {pct} %',
  'acc.run.failed': 'The run failed: {error}',
  'acc.run.done': 'The run has finished.',
  'acc.noData': 'No results for the group.',
};

/** Both accessibility dictionaries. */
export const ACCESS_MESSAGES: Record<Lang, Record<AccessKey, string>> = { sv, en };

/** The text for `key` in `lang`, `{name}` placeholders filled from `params`. */
export function accessTranslate(lang: Lang, key: AccessKey, params?: Params): string {
  const template = ACCESS_MESSAGES[lang][key] ?? ACCESS_MESSAGES.sv[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The main i18n plus `a` (accessibility texts) and `groupLabel`. */
export interface AccessI18n extends I18n {
  a(key: AccessKey, params?: Params): string;
  groupLabel(group: string): string;
}

export function useAccessI18n(): AccessI18n {
  const i18n = useI18n();
  return useMemo(
    () => ({
      ...i18n,
      a: (key, params) => accessTranslate(i18n.lang, key, params),
      groupLabel: (group) => ACCESS_GROUP_LABELS[group]?.[i18n.lang] ?? group,
    }),
    [i18n],
  );
}
