/**
 * The minimum-level checklist (lägstanivå): the five criteria of the Jämtland report, computed
 * from facts in the system and never ticked by hand. Each criterion is `met`, `not_met` (a fact
 * contradicts it) or `unknown` (a fact it needs is missing), with the reason in Swedish and
 * English and the list of missing facts. A point is a SOT-punkt "enligt lägstanivå" only when all
 * five are met.
 *
 * Pure: the caller loads the point, its linked store and fuel station, organisation, agreements
 * and member count, and computes the designed load with src/power.
 */
import { FRESH_GROUPS } from '../shared/service-point.js';
import {
  type Activation,
  COMM_INDEPENDENT_DEFAULT,
  COMM_LABELS,
  type CommItem,
  CRITERIA,
  CRITERION_LABELS,
  type Criterion,
  type Genset,
  type Label,
  OPERATING_AGREEMENT_TYPES,
} from './schemas.js';

export type CriterionStatus = 'met' | 'not_met' | 'unknown';

const SV_NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const EN_NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
/** A number in a reason's two languages: `1 600`, `32,5` in Swedish; `1,600`, `32.5` in English. */
const num = (n: number) => ({ sv: SV_NUMBER.format(n), en: EN_NUMBER.format(n) });

/** Region Jämtland Härjedalen: a varied assortment is at least this many articles. */
export const MIN_ASSORTMENT_ARTICLES = 1000;

const FRESH_GROUP_LABELS: Record<(typeof FRESH_GROUPS)[number], Label> = {
  dairy: { sv: 'mejeri', en: 'dairy' },
  charcuterie: { sv: 'charkvaror', en: 'charcuterie' },
  eggs: { sv: 'ägg', en: 'eggs' },
  bread: { sv: 'färskbröd', en: 'fresh bread' },
  fruit_vegetables: { sv: 'frukt och grönsaker', en: 'fruit and vegetables' },
};

export interface ChecklistAgreement {
  type: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
}

/** Everything the five criteria look at. */
export interface ChecklistFacts {
  /** Today's Stockholm date (agreements in force). */
  today: string;
  store: { kind: string; name: string; attributes: Record<string, unknown> } | null;
  fuel: { kind: string; name: string } | null;
  /** Store to fuel station, metres; null without both positions. */
  fuelDistanceM: number | null;
  fuelMaxDistanceM: number;
  genset: Partial<Genset>;
  /**
   * The rating the genset needs for the designed load (from src/power, margin included); null
   * when there is no load inventory.
   */
  requiredKva: number | null;
  /** Whether the load inventory includes the fuel station's dispensers; null when unknown. */
  inventoryCoversFuel: boolean | null;
  communication: CommItem[];
  organisation: { name: string } | null;
  agreements: ChecklistAgreement[];
  activation: Activation | null;
  /** Members with a name and a phone number or e-mail address. */
  reachableMembers: number;
  minMembers: number;
}

export interface CriterionResult {
  criterion: Criterion;
  /** 1–5 as numbered in the report. */
  number: number;
  label: Label;
  status: CriterionStatus;
  reason: Label;
  /** Facts that would settle an `unknown` or fix a `not_met`, e.g. `store.attributes.fixedPremises`. */
  missing: string[];
}

export interface Checklist {
  /** "enligt lägstanivå": all five criteria met. */
  compliant: boolean;
  /** `met` when compliant, `not_met` when any criterion fails, else `unknown`. */
  status: CriterionStatus;
  criteria: CriterionResult[];
  failing: Criterion[];
  unknown: Criterion[];
}

/** Findings of one criterion, combined into its result. */
class Findings {
  private readonly failed: Label[] = [];
  private readonly unknowns: Label[] = [];
  private readonly ok: Label[] = [];
  readonly missing: string[] = [];

  fail(reason: Label, missing?: string): void {
    this.failed.push(reason);
    if (missing) this.missing.push(missing);
  }

  unknown(reason: Label, missing: string): void {
    this.unknowns.push(reason);
    this.missing.push(missing);
  }

  pass(reason: Label): void {
    this.ok.push(reason);
  }

  result(criterion: Criterion): CriterionResult {
    const status: CriterionStatus =
      this.failed.length > 0 ? 'not_met' : this.unknowns.length > 0 ? 'unknown' : 'met';
    const reasons = status === 'not_met' ? this.failed : status === 'unknown' ? this.unknowns : this.ok;
    return {
      criterion,
      number: CRITERIA.indexOf(criterion) + 1,
      label: CRITERION_LABELS[criterion],
      status,
      reason: {
        sv: reasons.map((r) => r.sv).join('; '),
        en: reasons.map((r) => r.en).join('; '),
      },
      missing: [...new Set(this.missing)],
    };
  }
}

const GROCERY_KINDS = new Set(['grocery', 'convenience']);

/** (1) A grocery store with a varied assortment, open all year, in fixed premises. */
export function storeCriterion(facts: ChecklistFacts): CriterionResult {
  const f = new Findings();
  const store = facts.store;
  if (!store) {
    f.fail({ sv: 'ingen butik är kopplad', en: 'no store is linked' }, 'storeId');
    return f.result('store');
  }
  if (!GROCERY_KINDS.has(store.kind)) {
    f.fail(
      { sv: `${store.name} är ingen dagligvarubutik`, en: `${store.name} is not a grocery store` },
      'storeId',
    );
    return f.result('store');
  }
  const a = store.attributes;
  if (a.turnoverBand === 'lt2') {
    f.pass({
      sv: 'omsättning under 2 mkr: undantag från kravet på mångsidigt utbud',
      en: 'turnover under 2 MSEK: exempt from the varied-assortment requirement',
    });
  } else {
    const articles = typeof a.assortmentArticles === 'number' ? a.assortmentArticles : null;
    if (articles === null)
      f.unknown(
        { sv: 'antal artiklar saknas', en: 'number of articles unknown' },
        'store.attributes.assortmentArticles',
      );
    else if (articles < MIN_ASSORTMENT_ARTICLES)
      f.fail(
        {
          sv: `${num(articles).sv} artiklar, minst ${num(MIN_ASSORTMENT_ARTICLES).sv} krävs`,
          en: `${num(articles).en} articles, at least ${num(MIN_ASSORTMENT_ARTICLES).en} required`,
        },
        'store.attributes.assortmentArticles',
      );
    else f.pass({ sv: `${num(articles).sv} artiklar`, en: `${num(articles).en} articles` });

    const groups = Array.isArray(a.freshGroups) ? (a.freshGroups as string[]) : null;
    if (groups === null)
      f.unknown(
        { sv: 'uppgift om färskvarugrupper saknas', en: 'fresh-food groups unknown' },
        'store.attributes.freshGroups',
      );
    else {
      const absent = FRESH_GROUPS.filter((g) => !groups.includes(g));
      if (absent.length > 0)
        f.fail(
          {
            sv: `saknar ${absent.map((g) => FRESH_GROUP_LABELS[g].sv).join(', ')}`,
            en: `lacks ${absent.map((g) => FRESH_GROUP_LABELS[g].en).join(', ')}`,
          },
          'store.attributes.freshGroups',
        );
      else f.pass({ sv: 'alla färskvarugrupper finns', en: 'all fresh-food groups present' });
    }
  }
  if (a.yearRound === undefined)
    f.unknown(
      { sv: 'okänt om butiken har öppet året runt', en: 'year-round opening unknown' },
      'store.attributes.yearRound',
    );
  else if (a.yearRound === false)
    f.fail(
      { sv: 'butiken har inte öppet året runt', en: 'the store is not open all year' },
      'store.attributes.yearRound',
    );
  else f.pass({ sv: 'öppet året runt', en: 'open all year' });

  if (a.fixedPremises === undefined)
    f.unknown(
      { sv: 'okänt om butiken har fasta lokaler', en: 'fixed premises unknown' },
      'store.attributes.fixedPremises',
    );
  else if (a.fixedPremises === false)
    f.fail(
      { sv: 'butiken saknar fasta lokaler', en: 'the store has no fixed premises' },
      'store.attributes.fixedPremises',
    );
  else f.pass({ sv: 'fasta lokaler', en: 'fixed premises' });
  return f.result('store');
}

/** (2) A fuel station in the store's immediate vicinity (within the configured distance). */
export function fuelCriterion(facts: ChecklistFacts): CriterionResult {
  const f = new Findings();
  const limit = facts.fuelMaxDistanceM;
  if (!facts.fuel)
    f.fail({ sv: 'ingen drivmedelsanläggning är kopplad', en: 'no fuel station is linked' }, 'fuelStationId');
  else if (facts.fuel.kind !== 'fuel')
    f.fail(
      {
        sv: `${facts.fuel.name} är ingen drivmedelsanläggning`,
        en: `${facts.fuel.name} is not a fuel station`,
      },
      'fuelStationId',
    );
  else if (facts.fuelDistanceM === null)
    f.unknown({ sv: 'avståndet till butiken är okänt', en: 'distance to the store unknown' }, 'storeId');
  else {
    const d = Math.round(facts.fuelDistanceM);
    if (d > limit)
      f.fail(
        {
          sv: `${facts.fuel.name} ligger ${num(d).sv} m från butiken, högst ${num(limit).sv} m`,
          en: `${facts.fuel.name} is ${num(d).en} m from the store, at most ${num(limit).en} m`,
        },
        'fuelStationId',
      );
    else
      f.pass({
        sv: `${facts.fuel.name}, ${num(d).sv} m från butiken`,
        en: `${facts.fuel.name}, ${num(d).en} m from the store`,
      });
  }
  return f.result('fuel');
}

/** (3) A backup generator on site rated for the designed load of store and fuel station. */
export function powerCriterion(facts: ChecklistFacts): CriterionResult {
  const f = new Findings();
  const g = facts.genset;
  if (!g.installed) {
    f.fail(
      { sv: 'inget reservkraftaggregat är installerat', en: 'no backup generator installed' },
      'genset.installed',
    );
    return f.result('power');
  }
  const kva = typeof g.kva === 'number' ? g.kva : null;
  if (kva === null)
    f.unknown({ sv: 'aggregatets effekt (kVA) saknas', en: 'generator rating (kVA) unknown' }, 'genset.kva');
  if (facts.requiredKva === null)
    f.unknown(
      {
        sv: 'lastinventering saknas, dimensionerande last okänd',
        en: 'no load inventory, designed load unknown',
      },
      'loadInventory',
    );
  else if (kva !== null) {
    const [have, need] = [num(kva), num(facts.requiredKva)];
    if (kva < facts.requiredKva)
      f.fail(
        {
          sv: `${have.sv} kVA räcker inte, lasten kräver ${need.sv} kVA`,
          en: `${have.en} kVA is not enough, the load needs ${need.en} kVA`,
        },
        'genset.kva',
      );
    else
      f.pass({
        sv: `${have.sv} kVA, lasten kräver ${need.sv} kVA`,
        en: `${have.en} kVA, the load needs ${need.en} kVA`,
      });
  }
  if (facts.requiredKva !== null && facts.inventoryCoversFuel === false)
    f.unknown(
      {
        sv: 'lastinventeringen saknar drivmedelspumpar',
        en: 'the load inventory has no fuel dispensers',
      },
      'loadInventory.fuelDispensers',
    );
  return f.result('power');
}

const independentOf = (item: CommItem) => item.independent ?? COMM_INDEPENDENT_DEFAULT[item.type];

/** (4) An information and communication hub: a network-independent means plus a notice board. */
export function communicationCriterion(facts: ChecklistFacts): CriterionResult {
  const f = new Findings();
  const present = facts.communication.filter((c) => c.count > 0);
  const independent = present.filter((c) => c.type !== 'notice_board' && independentOf(c));
  if (independent.length === 0)
    f.fail(
      {
        sv: 'inget kommunikationssätt oberoende av mobil- och fastnätet',
        en: 'no communication means independent of the public mobile and fixed networks',
      },
      'communication.independent',
    );
  else
    f.pass({
      sv: `oberoende kommunikation: ${independent.map((c) => COMM_LABELS[c.type].sv).join(', ')}`,
      en: `independent communication: ${independent.map((c) => COMM_LABELS[c.type].en).join(', ')}`,
    });
  if (!present.some((c) => c.type === 'notice_board'))
    f.fail(
      { sv: 'ingen anslagstavla för information', en: 'no notice board for posting information' },
      'communication.notice_board',
    );
  else f.pass({ sv: 'anslagstavla finns', en: 'notice board present' });
  return f.result('communication');
}

/** True when a signed agreement is in force on `today`. */
export function agreementInForce(a: ChecklistAgreement, today: string): boolean {
  if (a.status !== 'signed') return false;
  if (a.startDate && a.startDate > today) return false;
  if (a.endDate && a.endDate < today) return false;
  return true;
}

/** (5) A formal organisation: agreement in force, activation procedure, enough reachable members. */
export function organisationCriterion(facts: ChecklistFacts): CriterionResult {
  const f = new Findings();
  if (!facts.organisation)
    f.fail(
      { sv: 'ingen driftorganisation registrerad', en: 'no operating organisation registered' },
      'organisation',
    );
  else f.pass({ sv: facts.organisation.name, en: facts.organisation.name });

  const inForce = facts.agreements.filter(
    (a) =>
      (OPERATING_AGREEMENT_TYPES as readonly string[]).includes(a.type) && agreementInForce(a, facts.today),
  );
  if (inForce.length === 0)
    f.fail(
      {
        sv: 'inget undertecknat driftavtal gäller i dag',
        en: 'no signed operating agreement in force today',
      },
      'agreements',
    );
  else f.pass({ sv: 'undertecknat driftavtal gäller', en: 'signed operating agreement in force' });

  const act = facts.activation;
  if (!act || (!act.text?.trim() && !act.documentRef?.trim()))
    f.fail({ sv: 'aktiveringsrutin saknas', en: 'no activation procedure' }, 'activation');
  else f.pass({ sv: 'aktiveringsrutin finns', en: 'activation procedure present' });

  if (facts.reachableMembers < facts.minMembers)
    f.fail(
      {
        sv: `${facts.reachableMembers} nåbara medlemmar, minst ${facts.minMembers} krävs`,
        en: `${facts.reachableMembers} reachable members, at least ${facts.minMembers} required`,
      },
      'members',
    );
  else
    f.pass({
      sv: `${facts.reachableMembers} nåbara medlemmar`,
      en: `${facts.reachableMembers} reachable members`,
    });
  return f.result('organisation');
}

/** All five criteria and the overall verdict. */
export function evaluateChecklist(facts: ChecklistFacts): Checklist {
  const criteria = [
    storeCriterion(facts),
    fuelCriterion(facts),
    powerCriterion(facts),
    communicationCriterion(facts),
    organisationCriterion(facts),
  ];
  const failing = criteria.filter((c) => c.status === 'not_met').map((c) => c.criterion);
  const unknown = criteria.filter((c) => c.status === 'unknown').map((c) => c.criterion);
  const compliant = failing.length === 0 && unknown.length === 0;
  return {
    compliant,
    status: compliant ? 'met' : failing.length > 0 ? 'not_met' : 'unknown',
    criteria,
    failing,
    unknown,
  };
}
