/**
 * Place types (OSM `place=*` values) with Swedish and English labels, shared by server, CLI and
 * web. The stored type stays free text — imports may bring values not listed here — so every
 * lookup falls back to the raw value instead of rejecting it.
 */

/**
 * The known place types, largest first (the order of the web form's drop-down). They cover
 * every value the OSM importer keeps (`PLACE_TYPES` in src/osm/registry-tags.ts).
 */
export const KNOWN_PLACE_TYPES = [
  'city',
  'town',
  'village',
  'hamlet',
  'isolated_dwelling',
  'farm',
  'suburb',
  'quarter',
  'neighbourhood',
  'locality',
] as const;

export type KnownPlaceType = (typeof KNOWN_PLACE_TYPES)[number];

/** The type a place gets when none is given (the server's default too). */
export const DEFAULT_PLACE_TYPE: KnownPlaceType = 'locality';

/** Swedish and English label per known type; no two share a label, so the drop-down is unambiguous. */
export const PLACE_TYPE_LABELS: Record<KnownPlaceType, { sv: string; en: string }> = {
  city: { sv: 'Stad', en: 'City' },
  town: { sv: 'Tätort', en: 'Town' },
  village: { sv: 'By', en: 'Village' },
  hamlet: { sv: 'Småby', en: 'Hamlet' },
  isolated_dwelling: { sv: 'Enstaka gård', en: 'Isolated dwelling' },
  farm: { sv: 'Gård', en: 'Farm' },
  suburb: { sv: 'Stadsdel', en: 'Suburb' },
  // OSM ranks a quarter between a suburb and a neighbourhood; "Stadsdel" is taken by suburb.
  quarter: { sv: 'Delområde', en: 'Quarter' },
  neighbourhood: { sv: 'Kvarter/område', en: 'Neighbourhood' },
  locality: { sv: 'Namngiven plats', en: 'Named locality' },
};

/** True for a type listed in {@link KNOWN_PLACE_TYPES}. */
export function isKnownPlaceType(value: string): value is KnownPlaceType {
  return Object.hasOwn(PLACE_TYPE_LABELS, value);
}

/** The label of a place type in `lang`; an unknown type is shown as stored. */
export function placeTypeLabel(lang: 'sv' | 'en', value: string): string {
  return isKnownPlaceType(value) ? PLACE_TYPE_LABELS[value][lang] : value;
}

/**
 * The choices of a place-type drop-down: every known type and, when `current` is a type not in
 * the list (from an import), that value as well, so opening and saving the form never changes it.
 */
export function placeTypeOptions(lang: 'sv' | 'en', current?: string): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = KNOWN_PLACE_TYPES.map((value) => ({
    value,
    label: PLACE_TYPE_LABELS[value][lang],
  }));
  // The exact stored text, so the select's value matches one of its options.
  if (current && !isKnownPlaceType(current)) options.push({ value: current, label: current });
  return options;
}
