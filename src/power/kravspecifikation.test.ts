import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { designPower } from './design.js';
import { KALL_EXAMPLE_ITEMS, KALL_GENSET_KVA } from './examples.js';
import {
  allRequirements,
  buildRequirementSpec,
  genitive,
  mountingHeightM,
  type RequirementSpecInput,
  renderSpecMarkdown,
  requirementSpecOptionsSchema,
  type SpecDocument,
} from './kravspecifikation.js';

const kallDesign = designPower({
  items: KALL_EXAMPLE_ITEMS,
  installedGensetKva: KALL_GENSET_KVA,
  tankLitres: 1000,
});
const kallPoint: RequirementSpecInput['point'] = {
  name: 'Kall',
  municipality: 'Åre',
  locality: 'Kall',
  storeName: 'Kall Livs',
  fuelStationName: 'Kall Bränsle',
};

const sectionText = (doc: SpecDocument, key: string) => {
  const s = doc.sections.find((x) => x.key === key);
  if (!s) throw new Error(`no section ${key}`);
  return s.blocks
    .flatMap((b) =>
      b.kind === 'paragraph'
        ? [b.text]
        : b.kind === 'bullets'
          ? b.items
          : b.kind === 'requirements'
            ? b.items.map((r) => `${r.level}: ${r.text}`)
            : b.rows.map((r) => r.join(' | ')),
    )
    .join('\n');
};

describe('buildRequirementSpec: Kall', () => {
  const doc = buildRequirementSpec({
    point: kallPoint,
    design: kallDesign,
    options: {
      issuedDate: '2025-01-15',
      reference: 'KS 2025/17',
      snowDepthM: 1.2,
      climateNote: 'Snödrev från väster.',
    },
  });

  it('has every section the issue lists, in order', () => {
    expect(doc.sections.map((s) => s.key)).toEqual([
      'bakgrund',
      'omfattning',
      'last',
      'effekt',
      'spanning',
      'overkoppling',
      'tank',
      'container',
      'klimat',
      'buller',
      'overvakning',
      'varme',
      'dokumentation',
      'utbildning',
      'garanti',
    ]);
    expect(doc.sections.map((s) => s.number)).toEqual(doc.sections.map((_, i) => i + 1));
  });

  it('numbers requirements uniquely within their section', () => {
    const reqs = allRequirements(doc);
    expect(new Set(reqs.map((r) => r.id)).size).toBe(reqs.length);
    for (const s of doc.sections)
      for (const b of s.blocks)
        if (b.kind === 'requirements')
          for (const r of b.items) expect(r.id.startsWith(`${s.number}.`)).toBe(true);
    expect(reqs.some((r) => r.level === 'ska')).toBe(true);
    expect(reqs.some((r) => r.level === 'bor')).toBe(true);
  });

  it('carries the facts and computed values', () => {
    expect(doc.title).toBe('Kravspecifikation: reservkraft för SOT-punkt Kall');
    expect(doc.meta).toContainEqual({ label: 'Kommun', value: 'Åre' });
    expect(doc.meta).toContainEqual({ label: 'Diarienummer', value: 'KS 2025/17' });
    expect(doc.notice).toContain('sekretess');
    // 70 kVA = 56 kW; worst start 37.4 kVA
    expect(sectionText(doc, 'effekt')).toContain('minst 70 kVA vid cos φ 0,8 (56,0 kW)');
    expect(sectionText(doc, 'effekt')).toContain('37,4 kVA');
    // 70 000 / (√3 × 400) = 101 A
    expect(sectionText(doc, 'spanning')).toContain('400/230 V');
    expect(sectionText(doc, 'spanning')).toContain('101 A');
    // 1000 l lasts 139 h at 6.5 l/h
    expect(sectionText(doc, 'tank')).toContain('minst 1 000 liter');
    expect(sectionText(doc, 'tank')).toContain('139 timmar');
    expect(sectionText(doc, 'tank')).toContain('Kall Bränsles egen dieselpump');
    expect(sectionText(doc, 'overkoppling')).toContain('Kall Livs huvudcentral');
    expect(sectionText(doc, 'container')).toContain('20 fots container');
    expect(sectionText(doc, 'container')).toContain('större än 60 kVA');
    expect(sectionText(doc, 'last')).toContain('20,8 kW / 25,2 kVA');
    expect(sectionText(doc, 'last')).toContain('70,8 kW / 75,2 kVA');
  });

  it('states cold-climate and snow requirements', () => {
    const text = sectionText(doc, 'klimat');
    expect(text).toContain('-30 °C');
    expect(text).toContain('motorvärmare');
    // 1.2 m snow + 0.5 m = 1.7 m
    expect(text).toContain('minst 1,7 m över mark');
    expect(text).toContain('Snödrev från väster.');
  });

  it('limits the 50 kW heater to the 35.2 kW the genset has left', () => {
    const text = sectionText(doc, 'varme');
    expect(text).toContain('effektbehov om 50,0 kW, t.ex. ett varmluftsaggregat i containern');
    expect(text).not.toContain('dieseleldat');
    expect(text).toContain('35,2 kW');
    expect(text).toContain('stegat eller effektreglerat');
  });

  it('states the MSB test-run obligations and their fuel', () => {
    const text = sectionText(doc, 'utbildning');
    expect(text).toContain('minst 4 timmar per månad');
    expect(text).toContain('minst 12 timmar vid full last');
    expect(text).toContain('lastbank');
    // 12 × 4 h × 6.48 + 12 h × 16.8 = 311.0 + 201.6 = 512.6 → 520 l
    expect(text).toContain('520 liter');
    expect(text).toContain('minst 3 personer');
  });

  it('covers noise, monitoring, documentation and warranty', () => {
    expect(sectionText(doc, 'buller')).toContain('65 dB(A) på 7 meters avstånd');
    expect(sectionText(doc, 'overvakning')).toContain('låg bränslenivå');
    expect(sectionText(doc, 'overvakning')).toContain('lokalt med ljus och ljud');
    expect(sectionText(doc, 'dokumentation')).toContain('enlinjeschema');
    expect(sectionText(doc, 'dokumentation')).toContain('på svenska');
    expect(sectionText(doc, 'garanti')).toContain('24 månader');
  });
});

describe('buildRequirementSpec: variants', () => {
  it('asks for ATS and manual switch as alternatives by default, or one of them', () => {
    const either = sectionText(
      buildRequirementSpec({ point: kallPoint, design: kallDesign }),
      'overkoppling',
    );
    expect(either).toContain('två alternativ');
    const ats = sectionText(
      buildRequirementSpec({
        point: kallPoint,
        design: kallDesign,
        options: { transferSwitch: 'automatic' },
      }),
      'overkoppling',
    );
    expect(ats).toContain('(ATS)');
    expect(ats).not.toContain('manuell omkopplare');
    const manual = sectionText(
      buildRequirementSpec({ point: kallPoint, design: kallDesign, options: { transferSwitch: 'manual' } }),
      'overkoppling',
    );
    expect(manual).toContain('manuell omkopplare');
    expect(manual).not.toContain('(ATS)');
    for (const t of [either, ats, manual]) expect(t).toContain('Återmatning till elnätet ska vara omöjlig');
  });

  it('lets a heater that fits run at full power', () => {
    // 10 kW heater on 70 kVA: headroom with margin 24 kW ≥ 10 kW
    const design = designPower({
      items: [
        ...KALL_EXAMPLE_ITEMS.slice(0, -1),
        { deviceType: 'hot_air_electric', count: 1, runningKw: 10, mustRun: false },
      ],
      installedGensetKva: 70,
    });
    const text = sectionText(buildRequirementSpec({ point: kallPoint, design }), 'varme');
    expect(text).toContain('full effekt samtidigt');
    expect(text).not.toContain('stegat');
  });

  it('asks for the burner fuel of a diesel-fired hot-air unit', () => {
    const design = designPower({
      items: [
        ...KALL_EXAMPLE_ITEMS.slice(0, -1),
        { deviceType: 'hot_air_diesel_fired', count: 1, mustRun: false },
      ],
    });
    expect(design.heater).toEqual({ kw: 0.6, inContainer: true, dieselFired: true });
    const text = sectionText(buildRequirementSpec({ point: kallPoint, design }), 'varme');
    expect(text).toContain('0,6 kW');
    expect(text).toContain('dieseleldat varmluftsaggregat');
  });

  it('asks for a CEE socket when there is no heater, and uses plain words without names', () => {
    const design = designPower({ items: KALL_EXAMPLE_ITEMS.slice(0, -1) });
    const doc = buildRequirementSpec({ point: { name: 'Ny punkt', municipality: 'Krokom' }, design });
    expect(sectionText(doc, 'varme')).toContain('32 A CEE-uttag');
    expect(sectionText(doc, 'overkoppling')).toContain('butikens huvudcentral');
    expect(sectionText(doc, 'container')).toContain('10 fots container');
    expect(sectionText(doc, 'klimat')).toContain('minst 1,5 m över mark och över förväntat snödjup');
    expect(doc.meta.map((m) => m.label)).toEqual(['Kommun', 'SOT-punkt']);
  });

  it('refuses a design without a genset', () => {
    const empty = designPower({ items: [] });
    try {
      buildRequirementSpec({ point: kallPoint, design: empty });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).id).toBe('validation_failed');
    }
  });

  it('validates options', () => {
    expect(requirementSpecOptionsSchema.safeParse({ issuedDate: '15/1/2025' }).success).toBe(false);
    expect(requirementSpecOptionsSchema.safeParse({ minTemperatureC: 10 }).success).toBe(false);
    expect(requirementSpecOptionsSchema.parse({})).toMatchObject({
      minTemperatureC: -30,
      transferSwitch: 'either',
    });
  });
});

describe('renderSpecMarkdown', () => {
  it('renders headings, meta table, requirements and load tables', () => {
    const md = renderSpecMarkdown(buildRequirementSpec({ point: kallPoint, design: kallDesign }));
    expect(md.startsWith('# Kravspecifikation: reservkraft för SOT-punkt Kall\n')).toBe(true);
    expect(md).toContain('| Kommun | Åre |');
    expect(md).toContain('## 4. Effekt');
    expect(md).toMatch(/^- \*\*4\.1 Ska:\*\* Aggregatet ska ha en märkeffekt/m);
    expect(md).toMatch(/^- \*\*4\.3 Bör:\*\*/m);
    expect(md).toContain('| Varmluftsaggregat, el (50 kW) | Värme | 1 | 50,00 | 1,00 | 1,0 | 5 | nej |');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('escapes pipes in table cells', () => {
    const md = renderSpecMarkdown(
      buildRequirementSpec({ point: { name: 'A|B', municipality: 'Åre' }, design: kallDesign }),
    );
    expect(md).toContain('| SOT-punkt | A\\|B |');
  });
});

describe('helpers', () => {
  it('forms Swedish genitives', () => {
    expect(genitive('butiken')).toBe('butikens');
    expect(genitive('Kall Livs')).toBe('Kall Livs');
    expect(genitive('Preem')).toBe('Preems');
  });

  it('places sockets at least 1.5 m up and 0.5 m above the snow', () => {
    expect(mountingHeightM(null)).toBe(1.5);
    expect(mountingHeightM(0.5)).toBe(1.5);
    expect(mountingHeightM(2)).toBe(2.5);
  });
});
