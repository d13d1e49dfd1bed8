/**
 * Generates the procurement requirement specification (kravspecifikation) for a SOT-punkt's
 * backup-power container, in Swedish, from the point's facts and its computed PowerDesign.
 *
 * The text is a starting point the municipality edits (Markdown) before it goes into a
 * procurement; requirements are split into ska-krav (mandatory) and bör-krav (desired). Pure:
 * builds a SpecDocument; renderSpecMarkdown (here) and renderSpecPdf (kravspecifikation-pdf.ts,
 * Node only) turn it into files.
 */
import { validationError } from '../errors.js';
import type { PowerDesign } from './design.js';
import { DEVICE_CATEGORY_LABELS } from './devices.js';
import { formatSv } from './format.js';
import { roundUpLitres } from './fuel.js';
import type { ContainerReason } from './sizing.js';
import type {
  RequirementLevel,
  SpecBlock,
  SpecDocument,
  SpecRequirement,
  SpecSection,
} from './spec-document.js';
import { type RequirementSpecOptionsInput, requirementSpecOptionsSchema } from './spec-options.js';

export { allRequirements, type SpecDocument } from './spec-document.js';
export { renderSpecMarkdown } from './spec-markdown.js';
export {
  REQUIREMENT_SPEC_DEFAULTS,
  type RequirementSpecOptions,
  type RequirementSpecOptionsInput,
  requirementSpecOptionsSchema,
} from './spec-options.js';

/** The facts the specification is built from. */
export interface RequirementSpecInput {
  point: {
    name: string;
    municipality: string;
    locality?: string | null;
    storeName?: string | null;
    fuelStationName?: string | null;
  };
  design: PowerDesign;
  options?: RequirementSpecOptionsInput;
}

const CONTAINER_REASON_SV: Record<ContainerReason, string> = {
  genset_over_10ft_limit: 'aggregatet är större än 60 kVA',
  tank_over_10ft_limit: 'tanken är större än 1 000 liter',
  heater_in_container: 'varmluftsaggregatet placeras i containern',
  tank_over_20ft_limit: 'tanken är större än 3 000 liter och placeras utanför containern',
};

/** Swedish genitive: `butiken` → `butikens`, `Kall Livs` → `Kall Livs`. */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** Lowest mounting height (m) for sockets, intakes and outlets above ground. */
export function mountingHeightM(snowDepthM: number | null | undefined): number {
  return Math.max(1.5, (snowDepthM ?? 0) + 0.5);
}

/** Collects requirements of one section and numbers them `section.n`. */
class Reqs {
  readonly items: SpecRequirement[] = [];
  constructor(private readonly section: number) {}
  add(level: RequirementLevel, text: string): this {
    this.items.push({ id: `${this.section}.${this.items.length + 1}`, level, text });
    return this;
  }
  ska(text: string) {
    return this.add('ska', text);
  }
  bor(text: string) {
    return this.add('bor', text);
  }
  block(): SpecBlock {
    return { kind: 'requirements', items: this.items };
  }
}

const kw = (n: number) => `${formatSv(n)} kW`;
const kva = (n: number) => `${formatSv(n, Number.isInteger(n) ? 0 : 1)} kVA`;
const litres = (n: number) => `${formatSv(n, 0)} liter`;
const hours = (n: number) => `${formatSv(n, 0)} timmar`;

/**
 * Builds the kravspecifikation. Throws a validation error when the design has no genset (empty
 * inventory or a load beyond the standard sizes) — there is nothing to specify yet.
 */
export function buildRequirementSpec(input: RequirementSpecInput): SpecDocument {
  const { point, design } = input;
  const o = requirementSpecOptionsSchema.parse(input.options ?? {});
  const { genset, fuel, tank, autonomy, container } = design;
  if (!genset || !fuel || !tank || !autonomy || !container)
    throw validationError('The power design has no genset to specify', [
      { field: 'items', reason: 'Add loads to the inventory (or state the installed genset) first' },
    ]);
  const mustRun = design.loads.mustRun;
  const all = design.loads.all;
  const optionalKw = all.runningKw - mustRun.runningKw;
  const store = point.storeName?.trim() || 'butiken';
  const station = point.fuelStationName?.trim() || 'drivmedelsanläggningen';
  const place = point.locality?.trim()
    ? `${point.locality.trim()}, ${point.municipality}`
    : point.municipality;
  const height = mountingHeightM(o.snowDepthM);
  const sections: SpecSection[] = [];
  const section = (key: string, heading: string, blocks: SpecBlock[]) =>
    sections.push({ number: sections.length + 1, key, heading, blocks });
  const next = () => sections.length + 1;

  section('bakgrund', 'Bakgrund och syfte', [
    {
      kind: 'paragraph',
      text:
        `${point.municipality} kommun upphandlar ett reservkraftaggregat i container till SOT-punkten ${point.name} (${place}). ` +
        `En SOT-punkt (service och trygghet) är en befintlig dagligvarubutik och en drivmedelsanläggning som med gemensam reservkraft ` +
        `kan hålla öppet under ett långvarigt strömavbrott och samtidigt fungera som informations- och kommunikationsnav för kommunen och andra aktörer.`,
    },
    {
      kind: 'paragraph',
      text:
        `Aggregatet ska försörja ${store} och ${station} vid avbrott i elnätet i minst ${hours(design.targetHours)} utan påfyllning ` +
        `och drivas av en lokal driftorganisation som aktiveras av kommunen.`,
    },
  ]);

  section('omfattning', 'Omfattning', [
    {
      kind: 'bullets',
      items: [
        `Dieseldrivet reservkraftaggregat, minst ${kva(genset.kva)}, i ${container.size === '10ft' ? '10' : '20'} fots container med bränsletank.`,
        'Omkopplare för överkoppling mellan nät och reservkraft, med anslutning till butikens och drivmedelsanläggningens elcentraler.',
        'Fjärrövervakning och larm, dokumentation, utbildning av driftorganisationen och leveransprovning.',
        design.heater.kw > 0
          ? `Anslutning av värme/varmluftsaggregat (${kw(design.heater.kw)} el).`
          : 'Förberedd anslutning för tillfällig last, t.ex. ett mobilt värmeaggregat.',
        'Garanti och option på serviceavtal.',
      ],
    },
  ]);

  section('last', 'Dimensionerande last', [
    {
      kind: 'paragraph',
      text:
        'Lasten är beräknad med typvärden per utrustning (se tabell) och ska verifieras av anbudsgivaren på plats. ' +
        'Nödvändig last ska alltid kunna drivas; valfri last får kopplas in när effekten räcker.',
    },
    {
      kind: 'table',
      columns: [
        'Utrustning',
        'Kategori',
        'Antal',
        'kW/st',
        'cos φ',
        'Startfaktor',
        'Startgrupp',
        'Nödvändig',
      ],
      numeric: [false, false, true, true, true, true, true, false],
      rows: design.items.map((r) => [
        r.label,
        DEVICE_CATEGORY_LABELS[r.category].sv,
        String(r.count),
        formatSv(r.runningKw, 2),
        formatSv(r.powerFactor, 2),
        formatSv(r.startingMultiplier, 1),
        r.startGroup === null ? 'sist' : String(r.startGroup),
        r.mustRun ? 'ja' : 'nej',
      ]),
    },
    {
      kind: 'table',
      columns: ['Storhet', 'Värde'],
      numeric: [false, true],
      rows: [
        ['Nödvändig last, drift', `${kw(mustRun.runningKw)} / ${kva(mustRun.runningKva)}`],
        ['Nödvändig last, värsta startögonblick (stegvis start)', kva(mustRun.startingKva)],
        ['Nödvändig last, förväntad medellast', kw(mustRun.expectedKw)],
        ...(optionalKw > 0
          ? [
              ['Inklusive valfri last, drift', `${kw(all.runningKw)} / ${kva(all.runningKva)}`],
              ['Inklusive valfri last, värsta startögonblick', kva(all.startingKva)],
            ]
          : []),
        [
          genset.source === 'installed' ? 'Angiven aggregatstorlek' : 'Rekommenderad aggregatstorlek',
          `${kva(genset.kva)} (${kw(genset.ratedKw)} vid cos φ 0,8)`,
        ],
        ['Bränsleförbrukning vid förväntad last', `${formatSv(fuel.litresPerHour)} l/h`],
        ['Bränsleförbrukning vid full last', `${formatSv(fuel.fullLoadLitresPerHour)} l/h`],
        [
          'Tankvolym',
          `${litres(tank.litres)} (räcker ${hours(autonomy.hours)}, mål ${hours(autonomy.targetHours)})`,
        ],
        ['Container', container.size === '10ft' ? '10 fot' : '20 fot'],
      ],
    },
    {
      kind: 'bullets',
      items: [
        `Effektbehov per post: antal × kW / cos φ; aggregatet dimensioneras för ${formatSv(design.assumptions.sizing.runningMargin, 2)} × driftlasten, både i kVA och i kW (aggregatets kW = 0,8 × kVA).`,
        `Startförlopp: lasterna kopplas in i startgrupper; i varje steg startar den största motorn när resten redan går. Aggregatet antas klara ${formatSv(design.assumptions.sizing.surgeCapability, 1)} × märkeffekten momentant.`,
        `Bränsle: ${formatSv(design.assumptions.fuelCurve.interceptLitresPerHourPerRatedKw, 2)} l/h per kW märkeffekt + ${formatSv(design.assumptions.fuelCurve.slopeLitresPerKwh, 2)} l per levererad kWh; ${formatSv(design.assumptions.usableTankFraction * 100, 0)} % av tankvolymen räknas som användbar.`,
      ],
    },
  ]);

  const effekt = new Reqs(next())
    .ska(
      `Aggregatet ska ha en märkeffekt om minst ${kva(genset.kva)} vid cos φ 0,8 (${kw(genset.ratedKw)}) angiven som kontinuerlig effekt (PRP, prime power enligt ISO 8528-1). Enbart reserveffekt (ESP/standby) godtas inte, eftersom aggregatet ska kunna gå i flera dygn utan avbrott.`,
    )
    .ska(
      `Aggregatet ska klara startförloppet i avsnitt 3 med ett momentant effektbehov om upp till ${kva(mustRun.startingKva)}. Anbudsgivaren ska redovisa beräknad spänningssänkning vid det största startsteget.`,
    )
    .bor('Spänningssänkningen vid motorstart bör inte överstiga 20 %.')
    .ska(
      'Aggregatet ska uppfylla minst prestandaklass G2 enligt ISO 8528-5 och ha elektronisk spänningsregulator (AVR).',
    )
    .bor(
      'Generatorn bör ha permanentmagnetiserad hjälpmagnetisering (PMG) eller likvärdig, för god motorstartsförmåga med kylkompressorer.',
    )
    .ska(
      'Anbudsgivaren ska före leverans verifiera lastförteckningen genom platsbesök och meddela avvikelser.',
    );
  section('effekt', 'Effekt', [effekt.block()]);

  const el = new Reqs(next())
    .ska('Aggregatet ska leverera trefas 400/230 V, 50 Hz, i ett TN-S-system (L1, L2, L3, N, PE).')
    .ska(
      `Huvudbrytare, kablar och omkopplare ska dimensioneras för aggregatets märkström, cirka ${formatSv(genset.ratedCurrentA, 0)} A per fas vid 400 V.`,
    )
    .ska(
      'Installationen ska utföras av elinstallationsföretag registrerat hos Elsäkerhetsverket och enligt gällande elinstallationsregler (SS 436 40 00).',
    )
    .bor('Enfasiga laster bör fördelas jämnt över faserna; anbudsgivaren redovisar fasbelastningen.');
  section('spanning', 'Spänning, frekvens och faser', [el.block()]);

  const transfer = new Reqs(next());
  const atsText =
    'automatisk överkopplingsautomatik (ATS) som startar aggregatet vid nätbortfall, kopplar över när spänning och frekvens är stabila och kopplar tillbaka med inställbar fördröjning när nätet återkommer, följt av avkylningskörning';
  const manualText =
    'manuell omkopplare (lägen I–0–II, fyrpolig, lastbrytande) som den lokala driftorganisationen manövrerar efter start av aggregatet';
  if (o.transferSwitch === 'automatic') transfer.ska(`Överkopplingen ska ske med ${atsText}.`);
  else if (o.transferSwitch === 'manual') transfer.ska(`Överkopplingen ska ske med ${manualText}.`);
  else
    transfer
      .ska(`Anbudsgivaren ska offerera två alternativ med separata priser: A) ${atsText}; B) ${manualText}.`)
      .bor('Vid alternativ A bör manuell start och överkoppling ändå vara möjlig om automatiken fallerar.');
  transfer
    .ska(
      'Återmatning till elnätet ska vara omöjlig: omkopplaren ska vara mekaniskt och elektriskt förreglad.',
    )
    .ska(
      'Kylaggregat, frysar och pumpar ska återstarta stegvis enligt startgrupperna i avsnitt 3 (tidsreläer eller styrsystem), så att inte alla kompressorer startar samtidigt.',
    )
    .ska(
      `Anslutning ska ske till ${genitive(store)} huvudcentral så att all nödvändig last i butiken försörjs.`,
    )
    .ska(
      `Anslutning ska ske till ${genitive(station)} elcentral så att drivmedelspumpar, automater och betalterminal försörjs. Arbeten vid drivmedelsanläggningen ska ta hänsyn till klassade zoner för explosionsfarlig miljö.`,
    )
    .ska('Har butik och drivmedelsanläggning skilda abonnemang eller centraler ska båda kopplas över.')
    .ska(
      'Kommunikationsutrustning (Rakel, router/wifi, laddstation) ska matas från en egen grupp på reservkraften.',
    )
    .bor('Anslutningen bör samordnas med nätägaren före installation.');
  section('overkoppling', 'Överkoppling och anslutningspunkter', [transfer.block()]);

  const tankReqs = new Reqs(next())
    .ska(
      `Bränsletanken ska rymma minst ${litres(tank.litres)}. Vid förväntad last (${kw(fuel.loadKw)}, ${formatSv(fuel.litresPerHour)} l/h) räcker det i ${hours(autonomy.hours)}; målet är minst ${hours(autonomy.targetHours)} utan påfyllning${autonomy.meetsTarget ? '' : `, vilket kräver minst ${litres(roundUpLitres(autonomy.requiredTankLitres))}`}.`,
    )
    .ska(
      'Tanken ska vara dubbelmantlad eller stå i en invallning som rymmer hela tankvolymen, med överfyllnadsskydd.',
    )
    .ska(
      'Tank och rörledningar ska uppfylla MSB:s föreskrifter om cisterner och rörledningar för brandfarliga vätskor (MSBFS 2018:3) i den mån de är tillämpliga.',
    )
    .ska('Nivåmätare ska visa bränslenivån lokalt och i fjärrövervakningen.')
    .ska(
      'Påfyllning ska kunna ske utifrån utan att gå in i containern, via låsbar påfyllningsanslutning som en tankbil når året runt (plogbar uppställningsplats).',
    )
    .ska(
      'Vid påfyllningen ska spilltråg eller motsvarande spillskydd finnas, och absorptionsmedel ska förvaras i containern.',
    )
    .bor(
      `Tanken bör kunna fyllas från ${genitive(station)} egen dieselpump, så att bränslet kan omsättas och fyllas på under en längre kris.`,
    )
    .bor(
      'Aggregatet bör vara godkänt för HVO100 (SS-EN 15940) och tanken bör ha avtappning för vatten och bottensats.',
    );
  section('tank', 'Bränsletank och påfyllning', [tankReqs.block()]);

  const boxReqs = new Reqs(next()).ska(
    `Aggregatet ska levereras i en ${container.size === '10ft' ? '10' : '20'} fots container, isolerad och ventilerad för aggregatets förbrännings- och kylluft, med belysning, serviceuttag, brandsläckare och låsbar dörr.`,
  );
  if (container.externalTank)
    boxReqs.ska('Tanken ska placeras utanför containern i en separat, invallad eller dubbelmantlad tank.');
  boxReqs
    .ska('Avgaser ska ledas bort så att de inte når luftintag i butik, samlingslokal eller bostäder.')
    .bor('Containern bör stå på fundament eller hårdgjord yta och vara förberedd för lyft och flytt.');
  const boxBlocks: SpecBlock[] = [boxReqs.block()];
  if (container.reasons.length > 0)
    boxBlocks.unshift({
      kind: 'paragraph',
      text: `Storleken följer av att ${container.reasons.map((r) => CONTAINER_REASON_SV[r]).join(' och ')}.`,
    });
  section('container', 'Container och placering', boxBlocks);

  const cold = new Reqs(next())
    .ska(
      `Aggregatet ska starta och gå med full last ned till ${formatSv(o.minTemperatureC, 0)} °C utomhustemperatur.`,
    )
    .ska(
      'Aggregatet ska ha termostatstyrd motorvärmare och batteriladdare som matas från elnätet när aggregatet står still.',
    )
    .ska('Containern ska hållas frostfri när aggregatet står still.')
    .ska(
      `Eluttag och anslutningsdon på containerns utsida, luftintag och avgasutlopp ska placeras minst ${formatSv(height, 1)} m över mark${o.snowDepthM != null ? ` (förväntat snödjup ${formatSv(o.snowDepthM, 1)} m)` : ' och över förväntat snödjup'}, med snöskydd för intag och utlopp.`,
    )
    .ska(
      'Dörrar och påfyllningsanslutning ska placeras och skyddas så att de kan nås efter kraftigt snöfall, snödrev och takras.',
    )
    .bor('Bränslet i tanken bör vara vinterkvalitet anpassad till ortens lägsta temperatur.');
  const coldBlocks: SpecBlock[] = [];
  if (o.climateNote) coldBlocks.push({ kind: 'paragraph', text: `Lokala förhållanden: ${o.climateNote}` });
  coldBlocks.push(cold.block());
  section('klimat', 'Kallt klimat och snö', coldBlocks);

  const noise = new Reqs(next())
    .ska(
      `Ljudtrycksnivån ska vara högst ${formatSv(o.noiseLimitDbAAt7m, 0)} dB(A) på 7 meters avstånd vid full last.`,
    )
    .ska('Anbudsgivaren ska redovisa garanterad ljudeffektnivå (LWA) enligt direktiv 2000/14/EG.')
    .bor(
      'Containern bör placeras så att Naturvårdsverkets riktvärden för industribuller (t.ex. 50 dB(A) ekvivalent nivå dagtid) klaras vid närmaste bostad och skola vid provkörning.',
    );
  section('buller', 'Buller', [noise.block()]);

  const monitor = new Reqs(next())
    .ska(
      'Aggregatet ska ha fjärrövervakning med larm för startfel, drift/stopp, nätbortfall och nätåterkomst, låg bränslenivå, hög kylvattentemperatur, lågt oljetryck, batterifel och fel på motorvärmaren.',
    )
    .ska('Larm ska överföras till kommunens angivna mottagare (t.ex. SMS och e-post via mobilnät).')
    .ska(
      'Larm ska även visas lokalt med ljus och ljud, eftersom mobilnätet kan vara ur funktion vid en samhällsstörning.',
    )
    .bor(
      'Drifttimmar, bränslenivå, last och händelselogg bör kunna läsas av på distans och exporteras (CSV eller öppet API).',
    )
    .bor('Styrsystem och larmöverföring bör ha egen batteribackup.');
  section('overvakning', 'Fjärrövervakning och larm', [monitor.block()]);

  const heat = new Reqs(next());
  const m = genset.mustRun;
  if (design.heater.kw > 0) {
    const where = design.heater.inContainer ? ' i containern' : '';
    heat.ska(
      `Aggregatet ska på en egen säkrad grupp ha anslutning för värme med ett elektriskt effektbehov om ${kw(design.heater.kw)}, t.ex. ett varmluftsaggregat${where} som kan värma en närliggande samlingslokal.`,
    );
    if (design.heater.dieselFired)
      heat.ska(
        'Ett dieseleldat varmluftsaggregat ska ha egen bränsleförsörjning eller tas från tanken; tankvolymen ska då ökas med brännarens förbrukning under måltiden.',
      );
    if (design.heater.kw > m.headroomWithMarginKw + 1e-9)
      heat.ska(
        `Med all nödvändig last i drift finns ${kw(m.headroomKw)} tillgänglig för värme (${kw(m.headroomWithMarginKw)} med dimensioneringsmarginal). Värmeaggregatet ska därför vara stegat eller effektreglerat och styras av laststyrning (effektvakt), så att aggregatets märkeffekt aldrig överskrids.`,
      );
    else heat.ska('Värmeaggregatet ska kunna gå med full effekt samtidigt som all nödvändig last.');
    heat.bor(
      'Värmeaggregatet bör kunna användas som belastning vid provkörning, så att aggregatet inte går på låg last.',
    );
  } else {
    heat
      .ska(
        'Containern ska ha minst ett 32 A CEE-uttag (400 V, 5-poligt) för anslutning av ett mobilt värmeaggregat eller annan tillfällig last, på en egen säkrad grupp.',
      )
      .bor(
        `Med all nödvändig last i drift finns ${kw(m.headroomKw)} för tillfällig last; uttaget bör förses med laststyrning om större last kan anslutas.`,
      );
  }
  section('varme', 'Anslutning för värmeaggregat', [heat.block()]);

  const docs = new Reqs(next())
    .ska(
      'Leverantören ska lämna enlinjeschema över hela anläggningen: aggregat, omkopplare, anslutningspunkter och gruppförteckning.',
    )
    .ska(
      'Leverantören ska lämna drift- och skötselinstruktioner på svenska och sätta upp en kortfattad start-, överkopplings- och stoppinstruktion i containern.',
    )
    .ska(
      'Leverantören ska lämna EU-försäkran om överensstämmelse (CE) samt protokoll från egenkontrollen av elinstallationen och från leveransprovningen.',
    )
    .ska(
      'Leverantören ska lämna reservdelslista och serviceschema med intervall för olja, filter och kylvätska.',
    )
    .bor('All dokumentation bör lämnas även digitalt (PDF) så att den kan läggas in i kommunens system.');
  section('dokumentation', 'Dokumentation', [docs.block()]);

  const annualTestLitres = 12 * 4 * fuel.litresPerHour + 12 * fuel.fullLoadLitresPerHour;
  const training = new Reqs(next())
    .ska(
      `Leverantören ska utbilda minst ${o.trainedOperators} personer i den lokala driftorganisationen i start, överkoppling, stopp, påfyllning, tillsyn, felsökning och elsäkerhet, på plats och på svenska.`,
    )
    .ska(
      'Leveransprovningen ska omfatta simulerat nätbortfall med överkoppling och stegvis återstart av kyla och pumpar samt provkörning vid full last med lastbank i minst 2 timmar.',
    )
    .ska(
      'Anläggningen ska medge provkörning enligt MSB:s vägledning: minst 4 timmar per månad och minst 12 timmar vid full last en gång per år. Containern ska ha en anslutningspunkt för extern lastbank.',
    )
    .bor('Leverantören bör tillhandahålla en mall för provkörnings- och underhållslogg.');
  section('utbildning', 'Utbildning och provkörning', [
    training.block(),
    {
      kind: 'paragraph',
      text: `Provkörningarna förbrukar uppskattningsvis ${litres(roundUpLitres(annualTestLitres, 10))} diesel per år (12 × 4 h vid förväntad last och 12 h vid full last), vilket också håller bränslet i tanken omsatt.`,
    },
  ]);

  const service = new Reqs(next())
    .ska(`Garantitiden ska vara minst ${o.warrantyMonths} månader från godkänd leveransprovning.`)
    .ska(
      'Anbudsgivaren ska som option offerera serviceavtal med årlig service enligt tillverkarens intervall.',
    )
    .bor('Serviceorganisationen bör kunna vara på plats inom 24 timmar vid fel.')
    .bor('Reservdelar bör finnas tillgängliga i minst 10 år efter leverans.');
  section('garanti', 'Garanti och service', [service.block()]);

  const meta: SpecDocument['meta'] = [
    { label: 'Kommun', value: point.municipality },
    { label: 'SOT-punkt', value: point.name },
  ];
  if (point.locality?.trim()) meta.push({ label: 'Ort', value: point.locality.trim() });
  if (point.storeName?.trim()) meta.push({ label: 'Butik', value: point.storeName.trim() });
  if (point.fuelStationName?.trim())
    meta.push({ label: 'Drivmedelsanläggning', value: point.fuelStationName.trim() });
  if (o.issuedDate) meta.push({ label: 'Datum', value: o.issuedDate });
  if (o.reference) meta.push({ label: 'Diarienummer', value: o.reference });
  if (o.contact) meta.push({ label: 'Kontaktperson', value: o.contact });

  return {
    title: `Kravspecifikation: reservkraft för SOT-punkt ${point.name}`,
    subtitle: `Reservkraftaggregat i container för dagligvarubutik och drivmedelsanläggning, ${place}`,
    meta,
    notice:
      'SOT-punkter ingår i det civila försvaret. Handlingen kan innehålla uppgifter som omfattas av sekretess; hantera och sprid den enligt kommunens rutiner.',
    sections,
    issuedDate: o.issuedDate ?? null,
  };
}
