/**
 * Service-point kinds and roles: shared by server, CLI and web so the lists cannot disagree.
 * Imports only zod, so the web bundle can use it.
 */
import { z } from 'zod';

export const SERVICE_POINT_KINDS = [
  'grocery',
  'convenience',
  'fuel',
  'pharmacy',
  'pharmacy_agent',
  'parcel_agent',
  'post',
  'atm',
  'cash_service',
  'alcohol_store',
  'alcohol_agent',
  'community_hall',
  'health_centre',
  'rescue_station',
  'school',
] as const;

export const serviceKindSchema = z.enum(SERVICE_POINT_KINDS);
export type ServiceKind = z.infer<typeof serviceKindSchema>;

/** Swedish and English labels for each kind (the web legend and exports use them). */
export const KIND_LABELS: Record<ServiceKind, { sv: string; en: string }> = {
  grocery: { sv: 'Dagligvarubutik', en: 'Grocery store' },
  convenience: { sv: 'Närbutik/kiosk', en: 'Convenience store' },
  fuel: { sv: 'Drivmedel', en: 'Fuel station' },
  pharmacy: { sv: 'Apotek', en: 'Pharmacy' },
  pharmacy_agent: { sv: 'Apoteksombud', en: 'Pharmacy agent' },
  parcel_agent: { sv: 'Paketombud', en: 'Parcel agent' },
  post: { sv: 'Postkontor', en: 'Post office' },
  atm: { sv: 'Bankomat', en: 'ATM' },
  cash_service: { sv: 'Kontantservice', en: 'Cash service' },
  alcohol_store: { sv: 'Systembolag', en: 'Alcohol store' },
  alcohol_agent: { sv: 'Systembolagsombud', en: 'Alcohol agent' },
  community_hall: { sv: 'Bygdegård', en: 'Community hall' },
  health_centre: { sv: 'Vårdcentral', en: 'Health centre' },
  rescue_station: { sv: 'Räddningsstation', en: 'Rescue station' },
  school: { sv: 'Skola', en: 'School' },
};

/** Map colours per kind, chosen for contrast against the light background. */
export const KIND_COLORS: Record<ServiceKind, string> = {
  grocery: '#1b7837',
  convenience: '#5aae61',
  fuel: '#b2182b',
  pharmacy: '#2166ac',
  pharmacy_agent: '#4393c3',
  parcel_agent: '#8c510a',
  post: '#bf812d',
  atm: '#762a83',
  cash_service: '#9970ab',
  alcohol_store: '#c51b7d',
  alcohol_agent: '#de77ae',
  community_hall: '#35978f',
  health_centre: '#01665e',
  rescue_station: '#d6604d',
  school: '#525252',
};

export const ROLES = ['admin', 'county', 'municipality', 'operator', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
