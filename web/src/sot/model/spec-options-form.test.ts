import { describe, expect, it } from 'vitest';
import { REQUIREMENT_SPEC_DEFAULTS } from '../../../../src/power/spec-options.js';
import { translate } from '../../i18n.js';
import { sotApi } from '../urls.js';
import { zodErrors } from '../validation.js';
import {
  checkSpecOptions,
  decimalText,
  defaultSpecOptions,
  isDefaultSpecOptions,
  restoreSpecOptions,
  specOptionsStorageKey,
} from './spec-options-form.js';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('sv', key, params);

const errorsOf = (result: ReturnType<typeof checkSpecOptions>['result']) =>
  result.success ? {} : zodErrors(result.error.issues, t);

describe('kravspecifikation options form', () => {
  it('starts from the server’s defaults and sends them as they are', () => {
    const form = defaultSpecOptions();
    expect(form).toMatchObject({
      minTemperatureC: String(REQUIREMENT_SPEC_DEFAULTS.minTemperatureC),
      snowDepthM: '',
      transferSwitch: REQUIREMENT_SPEC_DEFAULTS.transferSwitch,
      warrantyMonths: String(REQUIREMENT_SPEC_DEFAULTS.warrantyMonths),
    });
    const { query } = checkSpecOptions(form);
    expect(query).toEqual({
      minTemperatureC: '-30',
      transferSwitch: 'either',
      noiseLimitDbAAt7m: '65',
      trainedOperators: '3',
      warrantyMonths: '24',
    });
  });

  it('reads Swedish numbers, trims text and leaves empty fields to the server', () => {
    expect(decimalText(' \u2212 35 ')).toBe('-35');
    expect(decimalText('1,25')).toBe('1.25');
    const { query } = checkSpecOptions({
      ...defaultSpecOptions(),
      minTemperatureC: '\u221240',
      snowDepthM: '1,2',
      noiseLimitDbAAt7m: '',
      reference: '  KS 2025/123 ',
      issuedDate: '2025-11-03',
    });
    expect(query).toMatchObject({
      minTemperatureC: '-40',
      snowDepthM: '1.2',
      reference: 'KS 2025/123',
      issuedDate: '2025-11-03',
    });
    expect(query).not.toHaveProperty('noiseLimitDbAAt7m');
    const url = new URL(sotApi.spec(5, 'md', query ?? {}), 'http://x');
    expect(url.pathname).toBe('/api/sot/points/5/spec.md');
    expect(url.searchParams.get('minTemperatureC')).toBe('-40');
    expect(url.searchParams.get('reference')).toBe('KS 2025/123');
  });

  it('names each bad field with the server’s limits, and offers no query then', () => {
    const warm = checkSpecOptions({ ...defaultSpecOptions(), minTemperatureC: '5' });
    expect(warm.query).toBeNull();
    expect(errorsOf(warm.result)).toEqual({ minTemperatureC: 'Värdet får vara högst 0.' });
    const bad = checkSpecOptions({
      ...defaultSpecOptions(),
      minTemperatureC: '-30,5',
      snowDepthM: 'mycket',
      trainedOperators: '0',
    });
    expect(bad.query).toBeNull();
    expect(errorsOf(bad.result)).toEqual({
      minTemperatureC: 'Ange ett heltal.',
      snowDepthM: 'Ange ett tal.',
      trainedOperators: 'Värdet måste vara minst 1.',
    });
  });
});

describe('remembered kravspecifikation options', () => {
  it('gives back what was stored, field by field', () => {
    const chosen = {
      ...defaultSpecOptions(),
      minTemperatureC: '-40',
      transferSwitch: 'manual' as const,
      contact: 'Eva',
    };
    expect(restoreSpecOptions(JSON.stringify(chosen))).toEqual(chosen);
    expect(isDefaultSpecOptions(chosen)).toBe(false);
    expect(isDefaultSpecOptions(defaultSpecOptions())).toBe(true);
    expect(specOptionsStorageKey(7)).not.toBe(specOptionsStorageKey(8));
  });

  it('falls back to the defaults for nothing stored, broken JSON and values of the wrong kind', () => {
    expect(restoreSpecOptions(null)).toEqual(defaultSpecOptions());
    expect(restoreSpecOptions('{not json')).toEqual(defaultSpecOptions());
    expect(restoreSpecOptions('"text"')).toEqual(defaultSpecOptions());
    const restored = restoreSpecOptions(
      JSON.stringify({
        minTemperatureC: -40,
        transferSwitch: 'hydraulic',
        reference: 'KS 2026/14',
        extra: 'x',
      }),
    );
    expect(restored).toEqual({ ...defaultSpecOptions(), reference: 'KS 2026/14' });
  });

  it('keeps a stored value that is wrong, so the form says why as when it was typed', () => {
    const restored = restoreSpecOptions(JSON.stringify({ warrantyMonths: '6' }));
    expect(restored.warrantyMonths).toBe('6');
    const { query, result } = checkSpecOptions(restored);
    expect(query).toBeNull();
    expect(Object.keys(errorsOf(result))).toEqual(['warrantyMonths']);
  });
});
