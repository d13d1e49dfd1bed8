/**
 * Invented Swedish-sounding names for the demo region. Names are compounds of a nature word and a
 * settlement or landscape suffix, the way Norrland village names are built (Rönnliden, Lomsele),
 * so the demo reads naturally to Swedish planners while being made up. Common real names can
 * still occur by chance (Swedish place names repeat everywhere); the demo is marked fictional in
 * the county name, on every service point (`sot:demo=yes`) and in the manifest.
 */
import type { Rng } from './prng.js';

// biome-ignore format: a word list reads better packed
const PREFIXES = [
  'Björk', 'Gran', 'Tall', 'Myr', 'Tjärn', 'Rönn', 'Älg', 'Ren', 'Lom', 'Orr', 'Järv', 'Kråk',
  'Sten', 'Häll', 'Ljung', 'Lid', 'Skog', 'Bäck', 'Fors', 'Hjort', 'Ugg', 'Tran', 'Svan', 'Hök',
  'Vide', 'Sälg', 'Asp', 'Hassel', 'Flo', 'Kärr', 'Sand', 'Kvarn', 'Såg', 'Smed', 'Kall', 'Ny',
  'Lill', 'Mård', 'Lodjur', 'Mås', 'Tärn', 'Fjäril', 'Sik', 'Harr', 'Röding', 'Lav', 'Mossa',
  'Hjortron', 'Lingon', 'Blåbär', 'Näver', 'Kåd', 'Tjäder', 'Järpe', 'Snö', 'Is', 'Dimm',
];
// biome-ignore format: a word list reads better packed
const PLACE_SUFFIXES = [
  'byn', 'vik', 'åsen', 'berget', 'dalen', 'liden', 'mon', 'vallen', 'heden', 'myren', 'tjärn',
  'näset', 'strand', 'forsen', 'sele', 'ede', 'sund', 'böle', 'sätern', 'backen', 'torp', 'ängen',
  'holmen', 'hammar', 'gärdet', 'bränna', 'stugan', 'lid', 'å', 'näs',
];
const SKI_SUFFIXES = ['fjäll', 'fjället', 'högen', 'toppen'];
const LAKE_SUFFIXES = ['sjön', 'vattnet'];
const POND_SUFFIXES = ['tjärnen', 'gölen'];
const STREAM_SUFFIXES = ['bäcken', 'ån', 'strömmen'];

/** Hands out unique invented names; one instance per region so no name is used twice. */
export class NameGen {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** Marks a name as taken (e.g. fixed names like street names). */
  reserve(name: string): void {
    this.used.add(name);
  }

  private compose(suffixes: readonly string[]): string {
    for (let attempt = 0; ; attempt++) {
      const prefix = this.rng.pick(PREFIXES);
      const suffix = this.rng.pick(suffixes);
      // Avoid awkward triple letters at the seam (e.g. "Kvarnnäs" is fine, "Snööän" is not).
      let name = prefix + suffix;
      if (prefix.endsWith(suffix[0]) && suffix.length > 2 && /[aouåeiyäö]/.test(suffix[0])) continue;
      // After many collisions fall back to a distinguishing prefix rather than loop forever.
      if (attempt > 40)
        name = `${this.rng.pick(['Övre', 'Nedre', 'Norra', 'Södra', 'Västra', 'Östra'])} ${name}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  place(): string {
    return this.compose(PLACE_SUFFIXES);
  }

  skiResort(): string {
    return this.compose(SKI_SUFFIXES);
  }

  /** A lake name; small ones are tjärnar. */
  lake(small = false): string {
    return this.compose(small ? POND_SUFFIXES : LAKE_SUFFIXES);
  }

  stream(): string {
    return this.compose(STREAM_SUFFIXES);
  }

  /** The stem of a lake name, for derived names like the bridge ("Myrsundsbron"). */
  static stem(lakeName: string): string {
    for (const s of LAKE_SUFFIXES) if (lakeName.endsWith(s)) return lakeName.slice(0, -s.length);
    return lakeName;
  }
}

/** Street names for the town grid and village lanes, in the order they are handed out. */
// biome-ignore format: a word list reads better packed
export const STREET_NAMES = [
  'Storgatan', 'Kyrkogatan', 'Skolgatan', 'Järnvägsgatan', 'Parkgatan', 'Torggatan', 'Nygatan',
  'Sjögatan', 'Åsgatan', 'Bergsgatan', 'Ringvägen', 'Backvägen', 'Solvägen', 'Granvägen',
  'Björkvägen', 'Tallvägen', 'Ängsvägen', 'Hagvägen', 'Fjällvägen', 'Älvgatan', 'Strandvägen',
  'Lärkvägen', 'Rönnvägen', 'Tvärgatan', 'Västra vägen', 'Östra vägen', 'Norra vägen', 'Södra vägen',
  'Mejerivägen', 'Sågvägen', 'Kvarnvägen', 'Idrottsvägen', 'Bygatan', 'Verkstadsvägen',
  'Hantverkargatan', 'Postvägen', 'Gamla vägen', 'Myrvägen', 'Tjärnvägen', 'Skogsvägen',
];

/** Village lane names; villages reuse these (every Swedish village has a Byvägen). */
// biome-ignore format: a word list reads better packed
export const LANE_NAMES = [
  'Byvägen', 'Skolvägen', 'Kyrkvägen', 'Sjövägen', 'Åsvägen', 'Bäckvägen', 'Gårdsvägen',
  'Lidvägen', 'Myrvägen', 'Hagvägen', 'Fäbodvägen', 'Kvarnvägen', 'Sågvägen', 'Backvägen',
];

/** Fictional fuel chains (the fictional store chains are Byhandeln, Fjällköp and Lanthörnan). */
export const FUEL_BRANDS = ['Fjällmacken', 'Älvtanken', 'Bygdepumpen'];
