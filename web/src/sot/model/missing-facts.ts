/**
 * Where each fact the checklist names as missing is edited, so a user can go straight from
 * "antal artiklar saknas" to the store's form in the registry.
 */
import { paths } from '../../router.js';
import type { SotKey } from '../i18n.js';
import type { PointTab } from '../urls.js';

export interface FactLink {
  /** What the fact is, as a message key. */
  label: SotKey;
  /** The page that edits it, or null when the user cannot edit it there. */
  href: string | null;
}

/** The message key for a missing-fact path from the server (unknown paths fall back to `crit.fact.other`). */
export function factLabel(fact: string): SotKey {
  switch (fact) {
    case 'storeId':
      return 'crit.fact.storeId';
    case 'store.attributes.assortmentArticles':
      return 'crit.fact.assortmentArticles';
    case 'store.attributes.freshGroups':
      return 'crit.fact.freshGroups';
    case 'store.attributes.yearRound':
      return 'crit.fact.yearRound';
    case 'store.attributes.fixedPremises':
      return 'crit.fact.fixedPremises';
    case 'fuelStationId':
      return 'crit.fact.fuelStationId';
    case 'genset.installed':
      return 'crit.fact.gensetInstalled';
    case 'genset.kva':
      return 'crit.fact.gensetKva';
    case 'loadInventory':
      return 'crit.fact.loadInventory';
    case 'loadInventory.fuelDispensers':
      return 'crit.fact.fuelDispensers';
    case 'communication.independent':
      return 'crit.fact.independentComm';
    case 'communication.notice_board':
      return 'crit.fact.noticeBoard';
    case 'organisation':
      return 'crit.fact.organisation';
    case 'agreements':
      return 'crit.fact.agreements';
    case 'activation':
      return 'crit.fact.activation';
    case 'members':
      return 'crit.fact.members';
    default:
      return 'crit.fact.other';
  }
}

/** Section of the point page (and anchor) that edits a fact of the point itself. */
function pointSection(fact: string): { tab: PointTab; anchor?: string } | null {
  if (fact === 'storeId' || fact === 'fuelStationId') return { tab: 'oversikt', anchor: 'links' };
  if (fact.startsWith('communication')) return { tab: 'oversikt', anchor: 'communication' };
  if (fact === 'activation') return { tab: 'oversikt', anchor: 'activation' };
  if (fact.startsWith('genset')) return { tab: 'reservkraft', anchor: 'genset' };
  if (fact.startsWith('loadInventory')) return { tab: 'reservkraft', anchor: 'inventory' };
  if (fact === 'organisation' || fact === 'members') return { tab: 'organisation' };
  if (fact === 'agreements') return { tab: 'avtal' };
  return null;
}

/**
 * Where to fix `fact`. Store facts live on the registry service point (linked for registry
 * editors); everything else on a section of this point's page (linked for everyone who reads
 * the point: the section shows the fact, and its form to those who may edit).
 */
export function factLink(
  fact: string,
  pointId: number,
  storeId: number | null,
  canEditRegistry: boolean,
): FactLink {
  const label = factLabel(fact);
  if (fact.startsWith('store.attributes.'))
    return { label, href: storeId !== null && canEditRegistry ? paths.servicePoint(storeId) : null };
  const section = pointSection(fact);
  if (!section) return { label, href: null };
  const href = paths.sotPoint(pointId, section.tab === 'oversikt' ? undefined : section.tab);
  return { label, href: section.anchor ? `${href}#${section.anchor}` : href };
}
