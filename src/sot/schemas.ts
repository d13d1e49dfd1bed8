/**
 * SOT-punkter: the enumerations, their Swedish and English labels, and the zod schemas of every
 * request body. Imports only zod and the (zod-only) power load schema, so the web client can share
 * them with the server and the CLI.
 */
import { z } from 'zod';
import { loadItemSchema } from '../power/load.js';
import { dbIdSchema, rowVersionSchema } from '../shared/ids.js';

/** A label in both languages of the user interface. */
export interface Label {
  sv: string;
  en: string;
}

const labelled = <T extends string>(labels: Record<T, Label>) => labels;

/** Lifecycle, in order; `avvecklad` (decommissioned) can follow any status. */
export const SOT_STATUSES = [
  'ide',
  'utredning',
  'beslut',
  'ansokan',
  'beviljad',
  'upphandlad',
  'levererad',
  'i_drift',
  'avvecklad',
] as const;
export const sotStatusSchema = z.enum(SOT_STATUSES);
export type SotStatus = z.infer<typeof sotStatusSchema>;
export const STATUS_LABELS = labelled<SotStatus>({
  ide: { sv: 'idé', en: 'idea' },
  utredning: { sv: 'utredning', en: 'investigation' },
  beslut: { sv: 'beslut', en: 'decision' },
  ansokan: { sv: 'ansökan', en: 'application' },
  beviljad: { sv: 'beviljad', en: 'granted' },
  upphandlad: { sv: 'upphandlad', en: 'procured' },
  levererad: { sv: 'levererad', en: 'delivered' },
  i_drift: { sv: 'i drift', en: 'in operation' },
  avvecklad: { sv: 'avvecklad', en: 'decommissioned' },
});

/** How the place was chosen (the four models seen in Jämtland). */
export const ESTABLISHMENT_MODELS = [
  'lokalt_initiativ',
  'pilotort',
  'riskanalys',
  'faktisk_handelse',
] as const;
export const establishmentModelSchema = z.enum(ESTABLISHMENT_MODELS);
export type EstablishmentModel = z.infer<typeof establishmentModelSchema>;
export const ESTABLISHMENT_LABELS = labelled<EstablishmentModel>({
  lokalt_initiativ: { sv: 'lokalt initiativ', en: 'local initiative' },
  pilotort: { sv: 'pilotort', en: 'pilot site' },
  riskanalys: { sv: 'riskanalys', en: 'risk analysis' },
  faktisk_handelse: { sv: 'faktisk händelse', en: 'actual event' },
});

/** Communication and information equipment. */
export const COMM_TYPES = [
  'rakel',
  'satellite_phone',
  'vhf_radio',
  'broadcast_radio',
  'charging_station',
  'notice_board',
  'wifi_backup',
  'other',
] as const;
export const commTypeSchema = z.enum(COMM_TYPES);
export type CommType = z.infer<typeof commTypeSchema>;
export const COMM_LABELS = labelled<CommType>({
  rakel: { sv: 'Rakel-terminal', en: 'Rakel radio terminal' },
  satellite_phone: { sv: 'Satellittelefon', en: 'Satellite phone' },
  vhf_radio: { sv: 'VHF-radio', en: 'VHF radio' },
  broadcast_radio: { sv: 'Batteriradio (FM/DAB)', en: 'Battery broadcast radio (FM/DAB)' },
  charging_station: { sv: 'Laddstation för telefoner', en: 'Phone charging station' },
  notice_board: { sv: 'Anslagstavla', en: 'Notice board' },
  wifi_backup: { sv: 'Wifi på reservkraft', en: 'Wifi on backup power' },
  other: { sv: 'Övrigt', en: 'Other' },
});
/**
 * Whether a kind of equipment works without the public mobile and fixed networks, used when an
 * item does not say. Wifi needs a backhaul that is usually mobile or fixed, so it is not.
 */
export const COMM_INDEPENDENT_DEFAULT: Record<CommType, boolean> = {
  rakel: true,
  satellite_phone: true,
  vhf_radio: true,
  broadcast_radio: false,
  charging_station: false,
  notice_board: false,
  wifi_backup: false,
  other: false,
};

/** Functions a point may offer beyond the minimum level. */
export const LOCAL_FUNCTIONS = [
  'heated_gathering_place',
  'water',
  'pharmacy_agent',
  'parcel_agent',
  'cash',
  'other',
] as const;
export const localFunctionTypeSchema = z.enum(LOCAL_FUNCTIONS);
export type LocalFunctionType = z.infer<typeof localFunctionTypeSchema>;
export const LOCAL_FUNCTION_LABELS = labelled<LocalFunctionType>({
  heated_gathering_place: { sv: 'Uppvärmd samlingslokal', en: 'Heated gathering place' },
  water: { sv: 'Vatten', en: 'Water' },
  pharmacy_agent: { sv: 'Apoteksombud', en: 'Pharmacy agent' },
  parcel_agent: { sv: 'Paketombud', en: 'Parcel agent' },
  cash: { sv: 'Kontanter', en: 'Cash' },
  other: { sv: 'Övrigt', en: 'Other' },
});

export const FINANCING_PROGRAMMES = [
  'landsbygdsprogrammet_7_4_6b',
  'forordning_2000_284',
  'civilforsvar',
  'egna_medel',
  'other',
] as const;
export const financingProgrammeSchema = z.enum(FINANCING_PROGRAMMES);
export type FinancingProgramme = z.infer<typeof financingProgrammeSchema>;
export const PROGRAMME_LABELS = labelled<FinancingProgramme>({
  landsbygdsprogrammet_7_4_6b: {
    sv: 'Landsbygdsprogrammet 7.4/6b',
    en: 'Rural Development Programme 7.4/6b',
  },
  forordning_2000_284: { sv: 'Förordning (2000:284)', en: 'Ordinance (2000:284)' },
  civilforsvar: { sv: 'Civilförsvarsmedel', en: 'Civil-defence funds' },
  egna_medel: { sv: 'Egna medel', en: 'Own funds' },
  other: { sv: 'Annan finansiering', en: 'Other funding' },
});
/** Legal basis filled in when an application does not state its own. */
export const PROGRAMME_LEGAL_BASIS: Record<FinancingProgramme, string> = {
  landsbygdsprogrammet_7_4_6b:
    'Förordning (2015:406) om stöd för landsbygdsutvecklingsåtgärder, åtgärd 7.4/6b Investeringar i kommersiell och offentlig service',
  forordning_2000_284: 'Förordning (2000:284) om stöd till kommersiell service',
  civilforsvar: 'Medel för civilt försvar och krisberedskap',
  egna_medel: 'Kommunens egna medel',
  other: '',
};
/** Required private co-financing as a share of the eligible cost (7.4/6b: at least 10 %). */
export const REQUIRED_PRIVATE_SHARE: Record<FinancingProgramme, number | null> = {
  landsbygdsprogrammet_7_4_6b: 0.1,
  forordning_2000_284: null,
  civilforsvar: null,
  egna_medel: null,
  other: null,
};

export const FINANCING_STATUSES = ['utkast', 'ansokt', 'beviljad', 'avslagen', 'aterkallad'] as const;
export const financingStatusSchema = z.enum(FINANCING_STATUSES);
export type FinancingStatus = z.infer<typeof financingStatusSchema>;
export const FINANCING_STATUS_LABELS = labelled<FinancingStatus>({
  utkast: { sv: 'utkast', en: 'draft' },
  ansokt: { sv: 'ansökt', en: 'applied' },
  beviljad: { sv: 'beviljad', en: 'granted' },
  avslagen: { sv: 'avslagen', en: 'rejected' },
  aterkallad: { sv: 'återkallad', en: 'withdrawn' },
});

export const PAYOUT_STATUSES = ['ej_utbetalt', 'delvis', 'utbetalt'] as const;
export const payoutStatusSchema = z.enum(PAYOUT_STATUSES);
export type PayoutStatus = z.infer<typeof payoutStatusSchema>;
export const PAYOUT_LABELS = labelled<PayoutStatus>({
  ej_utbetalt: { sv: 'ej utbetalt', en: 'not paid out' },
  delvis: { sv: 'delvis utbetalt', en: 'partly paid out' },
  utbetalt: { sv: 'utbetalt', en: 'paid out' },
});

export const AGREEMENT_TYPES = [
  'driftavtal_butik',
  'avtal_frg',
  'underhall',
  'drivmedelsleverans',
  'other',
] as const;
export const agreementTypeSchema = z.enum(AGREEMENT_TYPES);
export type AgreementType = z.infer<typeof agreementTypeSchema>;
export const AGREEMENT_LABELS = labelled<AgreementType>({
  driftavtal_butik: { sv: 'Driftavtal med butiken', en: 'Operating agreement with the store' },
  avtal_frg: { sv: 'Avtal med driftgruppen (FRG)', en: 'Agreement with the operating group' },
  underhall: { sv: 'Underhållsavtal', en: 'Maintenance agreement' },
  drivmedelsleverans: { sv: 'Avtal om drivmedelsleverans', en: 'Fuel supply agreement' },
  other: { sv: 'Övrigt avtal', en: 'Other agreement' },
});
/** Agreement types that make the operating organisation formal (minimum-level criterion 5). */
export const OPERATING_AGREEMENT_TYPES: readonly AgreementType[] = ['driftavtal_butik', 'avtal_frg'];

export const AGREEMENT_STATUSES = ['draft', 'signed', 'terminated'] as const;
export const agreementStatusSchema = z.enum(AGREEMENT_STATUSES);
export type AgreementStatus = z.infer<typeof agreementStatusSchema>;
export const AGREEMENT_STATUS_LABELS = labelled<AgreementStatus>({
  draft: { sv: 'utkast', en: 'draft' },
  signed: { sv: 'undertecknat', en: 'signed' },
  terminated: { sv: 'uppsagt', en: 'terminated' },
});

export const ORGANISATION_TYPES = [
  'frg',
  'idrottsforening',
  'skoterklubb',
  'butikspersonal',
  'byalag',
  'other',
] as const;
export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof organisationTypeSchema>;
export const ORGANISATION_LABELS = labelled<OrganisationType>({
  frg: { sv: 'Frivillig resursgrupp (FRG)', en: 'Voluntary resource group (FRG)' },
  idrottsforening: { sv: 'Idrottsförening', en: 'Sports club' },
  skoterklubb: { sv: 'Skoterklubb', en: 'Snowmobile club' },
  butikspersonal: { sv: 'Butikens personal', en: 'Store staff' },
  byalag: { sv: 'Byalag/bygdeförening', en: 'Village association' },
  other: { sv: 'Annan organisation', en: 'Other organisation' },
});

export const MEMBER_ROLES = [
  'aktiveringsledare',
  'ersattare',
  'aggregatskotare',
  'elektriker_starkstrom',
  'sjukvard',
  'radio_rakel',
  'information',
  'logistik',
  'other',
] as const;
export const memberRoleSchema = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof memberRoleSchema>;
export const MEMBER_ROLE_LABELS = labelled<MemberRole>({
  aktiveringsledare: { sv: 'Aktiveringsledare', en: 'Activation leader' },
  ersattare: { sv: 'Ersättare', en: 'Deputy' },
  aggregatskotare: { sv: 'Aggregatskötare', en: 'Generator operator' },
  elektriker_starkstrom: { sv: 'Elektriker (starkström)', en: 'Electrician (high voltage)' },
  sjukvard: { sv: 'Sjukvård', en: 'Medical' },
  radio_rakel: { sv: 'Radio/Rakel', en: 'Radio/Rakel' },
  information: { sv: 'Information', en: 'Information' },
  logistik: { sv: 'Logistik', en: 'Logistics' },
  other: { sv: 'Övrigt', en: 'Other' },
});

export const TRAINING_COURSES = [
  'frg_grundutbildning',
  'rakel',
  'aggregat',
  'elsakerhet',
  'hlr',
  'forsta_hjalpen',
  'other',
] as const;
export const trainingCourseSchema = z.enum(TRAINING_COURSES);
export type TrainingCourse = z.infer<typeof trainingCourseSchema>;
export const TRAINING_LABELS = labelled<TrainingCourse>({
  frg_grundutbildning: { sv: 'FRG grundutbildning', en: 'FRG basic training' },
  rakel: { sv: 'Rakel-utbildning', en: 'Rakel training' },
  aggregat: { sv: 'Aggregatskötsel', en: 'Generator operation' },
  elsakerhet: { sv: 'Elsäkerhet', en: 'Electrical safety' },
  hlr: { sv: 'HLR', en: 'CPR' },
  forsta_hjalpen: { sv: 'Första hjälpen', en: 'First aid' },
  other: { sv: 'Övrig utbildning', en: 'Other training' },
});

export const MAINTENANCE_TYPES = [
  'oil',
  'filters',
  'service',
  'battery',
  'coolant',
  'refuel',
  'other',
] as const;
export const maintenanceTypeSchema = z.enum(MAINTENANCE_TYPES);
export type MaintenanceType = z.infer<typeof maintenanceTypeSchema>;
export const MAINTENANCE_LABELS = labelled<MaintenanceType>({
  oil: { sv: 'Oljebyte', en: 'Oil change' },
  filters: { sv: 'Filterbyte', en: 'Filter change' },
  service: { sv: 'Service', en: 'Service' },
  battery: { sv: 'Startbatteri', en: 'Starter battery' },
  coolant: { sv: 'Kylvätska', en: 'Coolant' },
  refuel: { sv: 'Tankning', en: 'Refuelling' },
  other: { sv: 'Övrigt', en: 'Other' },
});

export const DOCUMENT_CATEGORIES = [
  'avtal',
  'aktiveringsrutin',
  'ansokan',
  'beslut',
  'kravspecifikation',
  'ritning',
  'foto',
  'other',
] as const;
export const documentCategorySchema = z.enum(DOCUMENT_CATEGORIES);
export type DocumentCategory = z.infer<typeof documentCategorySchema>;
export const DOCUMENT_CATEGORY_LABELS = labelled<DocumentCategory>({
  avtal: { sv: 'Avtal', en: 'Agreement' },
  aktiveringsrutin: { sv: 'Aktiveringsrutin', en: 'Activation procedure' },
  ansokan: { sv: 'Ansökan', en: 'Application' },
  beslut: { sv: 'Beslut', en: 'Decision' },
  kravspecifikation: { sv: 'Kravspecifikation', en: 'Requirement specification' },
  ritning: { sv: 'Ritning', en: 'Drawing' },
  foto: { sv: 'Foto', en: 'Photo' },
  other: { sv: 'Övrigt', en: 'Other' },
});

/** The five minimum-level criteria (lägstanivå), in the report's order. */
export const CRITERIA = ['store', 'fuel', 'power', 'communication', 'organisation'] as const;
export const criterionSchema = z.enum(CRITERIA);
export type Criterion = z.infer<typeof criterionSchema>;
export const CRITERION_LABELS = labelled<Criterion>({
  store: { sv: 'Dagligvarubutik med mångsidigt utbud', en: 'Grocery store with a varied assortment' },
  fuel: { sv: 'Drivmedelsanläggning i direkt närhet', en: 'Fuel station in the immediate vicinity' },
  power: { sv: 'Reservkraftaggregat för butik och drivmedel', en: 'Backup generator for store and fuel' },
  communication: { sv: 'Informations- och kommunikationsnav', en: 'Information and communication hub' },
  organisation: { sv: 'Formaliserad organisation', en: 'Formal organisation' },
});

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

/** A calendar date, `YYYY-MM-DD` (Stockholm local date where it matters). */
export const isoDateSchema = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish();
const sek = z.number().int().min(0).max(1_000_000_000_000);

export const gensetSchema = z
  .object({
    installed: z.boolean().default(false),
    /** Rated power of the installed or planned genset. */
    kva: z.number().positive().max(5000).nullish(),
    phases: z.union([z.literal(1), z.literal(3)]).nullish(),
    fuelTankLitres: z.number().positive().max(100_000).nullish(),
    installedDate: isoDateSchema.nullish(),
    containerSize: z.enum(['10ft', '20ft']).nullish(),
    fuel: z.enum(['diesel', 'hvo100', 'other']).nullish(),
    manufacturer: optionalText(200),
    note: optionalText(2000),
  })
  .strict();
export type Genset = z.infer<typeof gensetSchema>;

export const commItemSchema = z
  .object({
    type: commTypeSchema,
    count: z.number().int().min(0).max(1000).default(1),
    /** Works without the public mobile and fixed networks; defaults by type (COMM_INDEPENDENT_DEFAULT). */
    independent: z.boolean().optional(),
    note: optionalText(500),
  })
  .strict();
export type CommItem = z.infer<typeof commItemSchema>;

export const localFunctionSchema = z
  .object({
    type: localFunctionTypeSchema,
    description: optionalText(1000),
    /** A registry point providing it, e.g. the school used as the heated gathering place. */
    servicePointId: dbIdSchema.nullish(),
  })
  .strict();
export type LocalFunction = z.infer<typeof localFunctionSchema>;

export const activationSchema = z
  .object({
    text: optionalText(20_000),
    /** Where the signed procedure lives: a document id on this point, a diary number, a URL. */
    documentRef: optionalText(300),
    lastReviewed: isoDateSchema.nullish(),
  })
  .strict();
export type Activation = z.infer<typeof activationSchema>;

export const testScheduleSchema = z
  .object({
    monthlyHours: z.number().min(0).max(744).default(4),
    yearlyFullLoadHours: z.number().min(0).max(8784).default(12),
  })
  .strict();
export type TestSchedule = z.infer<typeof testScheduleSchema>;

/**
 * What a point stores as its load inventory: the power module's load items plus two design
 * choices that belong to the installation (hot-air unit inside the container, which loads the
 * fuel estimate assumes connected).
 */
export const pointLoadInventorySchema = z
  .object({
    items: z.array(loadItemSchema).max(300),
    heaterInContainer: z.boolean().nullish(),
    fuelScope: z.enum(['mustRun', 'all']).default('mustRun'),
  })
  .strict();
export type PointLoadInventory = z.output<typeof pointLoadInventorySchema>;

/** Fields of a point a client may set (status changes go through transitions). */
const pointFields = {
  name: text(200).min(1),
  storeId: dbIdSchema,
  fuelStationId: dbIdSchema.nullish(),
  establishmentModel: establishmentModelSchema.nullish(),
  genset: gensetSchema,
  loadInventory: pointLoadInventorySchema.nullish(),
  targetAutonomyHours: z.number().positive().max(2000),
  communication: z.array(commItemSchema).max(100),
  localFunctions: z.array(localFunctionSchema).max(50),
  activation: activationSchema.nullish(),
  fuelMaxDistanceM: z.number().int().min(1).max(50_000),
  minMembers: z.number().int().min(1).max(100),
  testSchedule: testScheduleSchema,
  note: optionalText(5000),
};

export const pointCreateSchema = z
  .object({
    ...pointFields,
    name: pointFields.name.optional(),
    genset: pointFields.genset.optional(),
    targetAutonomyHours: pointFields.targetAutonomyHours.default(72),
    communication: pointFields.communication.default([]),
    localFunctions: pointFields.localFunctions.default([]),
    fuelMaxDistanceM: pointFields.fuelMaxDistanceM.default(300),
    minMembers: pointFields.minMembers.default(3),
    testSchedule: pointFields.testSchedule.optional(),
  })
  .strict();
export type PointCreate = z.input<typeof pointCreateSchema>;

export const pointUpdateSchema = z
  .object({
    name: pointFields.name.optional(),
    storeId: pointFields.storeId.optional(),
    fuelStationId: pointFields.fuelStationId,
    establishmentModel: pointFields.establishmentModel,
    genset: pointFields.genset.optional(),
    loadInventory: pointFields.loadInventory,
    targetAutonomyHours: pointFields.targetAutonomyHours.optional(),
    communication: pointFields.communication.optional(),
    localFunctions: pointFields.localFunctions.optional(),
    activation: pointFields.activation,
    fuelMaxDistanceM: pointFields.fuelMaxDistanceM.optional(),
    minMembers: pointFields.minMembers.optional(),
    testSchedule: pointFields.testSchedule.optional(),
    note: pointFields.note,
    /** The version you read; a stale one is a 409. */
    version: rowVersionSchema,
  })
  .strict();
export type PointUpdate = z.input<typeof pointUpdateSchema>;

export const transitionCreateSchema = z
  .object({
    to: sotStatusSchema,
    /** Date the change took effect; defaults to today (Stockholm). Not in the future. */
    date: isoDateSchema.optional(),
    /** Required when moving backwards. */
    note: optionalText(2000),
  })
  .strict();
export type TransitionCreate = z.input<typeof transitionCreateSchema>;

export const financingCreateSchema = z
  .object({
    programme: financingProgrammeSchema,
    legalBasis: optionalText(500),
    applicant: optionalText(200),
    status: financingStatusSchema.default('utkast'),
    applicationDate: isoDateSchema.nullish(),
    appliedAmount: sek.nullish(),
    grantedAmount: sek.nullish(),
    decisionDate: isoDateSchema.nullish(),
    decisionRef: optionalText(100),
    totalEligibleCost: sek.nullish(),
    privateCofinancing: sek.nullish(),
    publicCofinancing: sek.nullish(),
    payoutStatus: payoutStatusSchema.default('ej_utbetalt'),
    paidAmount: sek.nullish(),
    note: optionalText(5000),
  })
  .strict();
export type FinancingCreate = z.input<typeof financingCreateSchema>;
export const financingUpdateSchema = financingCreateSchema.partial().strict();

export const agreementCreateSchema = z
  .object({
    type: agreementTypeSchema,
    title: optionalText(200),
    parties: z.array(text(200).min(1)).max(20).default([]),
    startDate: isoDateSchema.nullish(),
    endDate: isoDateSchema.nullish(),
    noticeMonths: z.number().int().min(0).max(120).default(0),
    status: agreementStatusSchema.default('draft'),
    signedDate: isoDateSchema.nullish(),
    reminderDays: z.number().int().min(0).max(3650).default(90),
    note: optionalText(5000),
  })
  .strict();
export type AgreementCreate = z.input<typeof agreementCreateSchema>;
export const agreementUpdateSchema = agreementCreateSchema.partial().strict();

const phone = text(40).regex(/^[0-9+()\-\s]{3,40}$/, 'digits, spaces, +, -, ( and ) only');
const email = z.email().max(200);

export const organisationSchema = z
  .object({
    type: organisationTypeSchema,
    name: text(200).min(1),
    contactName: optionalText(200),
    contactPhone: phone.nullish(),
    contactEmail: email.nullish(),
    note: optionalText(5000),
  })
  .strict();
export type OrganisationInput = z.input<typeof organisationSchema>;

export const memberCreateSchema = z
  .object({
    name: text(200).min(1),
    phone: phone.nullish(),
    email: email.nullish(),
    address: optionalText(300),
    roles: z.array(memberRoleSchema).max(MEMBER_ROLES.length).default([]),
    competences: z.array(text(60).min(1)).max(30).default([]),
    /** Contact tree: id of the member who calls this one; null for the first to be called. */
    calledBy: dbIdSchema.nullish(),
    callOrder: z.number().int().min(0).max(1000).default(0),
    note: optionalText(2000),
  })
  .strict();
export type MemberCreate = z.input<typeof memberCreateSchema>;
export const memberUpdateSchema = memberCreateSchema.partial().strict();

export const trainingCreateSchema = z
  .object({
    memberId: dbIdSchema,
    course: trainingCourseSchema,
    title: optionalText(200),
    completedOn: isoDateSchema,
    expiresOn: isoDateSchema.nullish(),
    provider: optionalText(200),
    note: optionalText(2000),
  })
  .strict();
export type TrainingCreate = z.input<typeof trainingCreateSchema>;
export const trainingUpdateSchema = trainingCreateSchema.omit({ memberId: true }).partial().strict();

/** Kept small: operators log test runs from a phone. */
export const testRunCreateSchema = z
  .object({
    date: isoDateSchema.optional(),
    durationHours: z.number().positive().max(1000),
    loadPercent: z.number().min(0).max(150).nullish(),
    loadKw: z.number().min(0).max(10_000).nullish(),
    fullLoad: z.boolean().default(false),
    fuelUsedLitres: z.number().min(0).max(100_000).nullish(),
    passed: z.boolean(),
    problems: optionalText(5000),
  })
  .strict();
export type TestRunCreate = z.input<typeof testRunCreateSchema>;

export const maintenanceCreateSchema = z
  .object({
    type: maintenanceTypeSchema,
    date: isoDateSchema.optional(),
    note: optionalText(5000),
  })
  .strict();
export type MaintenanceCreate = z.input<typeof maintenanceCreateSchema>;

export const userIdsSchema = z.object({ userIds: z.array(dbIdSchema).max(500) }).strict();
export type UserIds = z.infer<typeof userIdsSchema>;
