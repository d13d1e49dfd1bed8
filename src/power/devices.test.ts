import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEVICE_CATEGORIES,
  DEVICE_CATEGORY_LABELS,
  DEVICE_LIBRARY,
  DEVICE_TYPE_IDS,
  deviceType,
  deviceTypeIdSchema,
  listDeviceTypes,
} from './devices.js';

describe('device library', () => {
  it('has one entry per id, keyed by its own id', () => {
    expect(Object.keys(DEVICE_LIBRARY).sort()).toEqual([...DEVICE_TYPE_IDS].sort());
    for (const id of DEVICE_TYPE_IDS) expect(DEVICE_LIBRARY[id].id).toBe(id);
    expect(listDeviceTypes().map((d) => d.id)).toEqual([...DEVICE_TYPE_IDS]);
  });

  it('covers every category the issue lists', () => {
    const used = new Set(listDeviceTypes().map((d) => d.category));
    for (const c of DEVICE_CATEGORIES) expect(used.has(c), c).toBe(true);
    for (const c of DEVICE_CATEGORIES) expect(DEVICE_CATEGORY_LABELS[c].sv.length).toBeGreaterThan(0);
  });

  it('keeps every default in a physically sensible range', () => {
    for (const d of listDeviceTypes()) {
      expect(d.runningKw, d.id).toBeGreaterThan(0);
      expect(d.powerFactor, d.id).toBeGreaterThan(0.5);
      expect(d.powerFactor, d.id).toBeLessThanOrEqual(1);
      expect(d.startingMultiplier, d.id).toBeGreaterThanOrEqual(1);
      expect(d.startingMultiplier, d.id).toBeLessThanOrEqual(8);
      expect(d.dutyCycle, d.id).toBeGreaterThan(0);
      expect(d.dutyCycle, d.id).toBeLessThanOrEqual(1);
      expect(d.label.sv.length * d.label.en.length * d.note.length, d.id).toBeGreaterThan(0);
    }
  });

  it('gives motors a surge and resistive/electronic loads none', () => {
    // Compressors 3–6× (the range), pumps too; heaters, lighting and electronics 1×.
    for (const d of listDeviceTypes().filter(
      (x) => x.category === 'refrigeration' || x.category === 'freezer',
    )) {
      expect(d.startingMultiplier, d.id).toBeGreaterThanOrEqual(3);
      expect(d.startingMultiplier, d.id).toBeLessThanOrEqual(6);
    }
    expect(DEVICE_LIBRARY.submersible_pump.startingMultiplier).toBeGreaterThan(1);
    for (const id of ['hot_air_electric', 'lighting_led_100m2', 'checkout', 'rakel', 'atm'] as const)
      expect(DEVICE_LIBRARY[id].startingMultiplier, id).toBe(1);
    expect(DEVICE_LIBRARY.hot_air_electric.powerFactor).toBe(1);
  });

  it('models the Kall hot-air unit as 50 kW', () => {
    expect(DEVICE_LIBRARY.hot_air_electric.runningKw).toBe(50);
  });

  it('looks up ids and rejects unknown ones', () => {
    expect(deviceType('atm')?.label.sv).toBe('Uttagsautomat');
    expect(deviceType('custom')).toBeUndefined();
    expect(deviceType('toString')).toBeUndefined();
    expect(deviceTypeIdSchema.safeParse('custom').success).toBe(true);
    expect(deviceTypeIdSchema.safeParse('toaster').success).toBe(false);
  });
});

describe('docs/power-design.md', () => {
  it('lists exactly the library values', () => {
    const md = readFileSync(new URL('../../docs/power-design.md', import.meta.url), 'utf8');
    // Library rows are the only backticked-id rows with nine cells (the field table has four).
    const rows = [...md.matchAll(/^\| `([a-z0-9_]+)` \| (.+) \|$/gm)]
      .map((m) => [m[1], ...m[2].split(' | ')])
      .filter((r) => r.length === 9);
    expect(rows.map((r) => r[0])).toEqual([...DEVICE_TYPE_IDS]);
    for (const [id, sv, en, category, kw, pf, start, duty, phases] of rows) {
      const d = DEVICE_LIBRARY[id as (typeof DEVICE_TYPE_IDS)[number]];
      expect([sv, en, category], id).toEqual([d.label.sv, d.label.en, d.category]);
      expect([kw, pf, start, duty, phases].map(Number), id).toEqual([
        d.runningKw,
        d.powerFactor,
        d.startingMultiplier,
        d.dutyCycle,
        d.phases,
      ]);
    }
  });
});
