/** A SOT-punkt as the API returns it, for the web client's unit tests. */
import type { SotPoint } from '../types.js';

export function pointFixture(over: Partial<SotPoint> = {}): SotPoint {
  return {
    id: 7,
    name: 'SOT-punkt Kall Handel',
    status: 'ide',
    municipalityCode: '2321',
    municipalityName: 'Åre',
    establishmentModel: 'pilotort',
    store: {
      id: 11,
      kind: 'grocery',
      name: 'Kall Handel',
      address: 'Byvägen 1',
      city: 'Kall',
      lat: 63.47,
      lon: 13.25,
      municipalityCode: '2321',
      attributes: {},
      openingHours: null,
      readable: true,
    },
    fuelStation: null,
    fuelDistanceM: null,
    fuelWithinLimit: null,
    genset: { installed: true, kva: 70, fuelTankLitres: 1000, phases: 3 },
    loadInventory: null,
    targetAutonomyHours: 72,
    communication: [
      { type: 'rakel', count: 1, independent: true },
      { type: 'notice_board', count: 1 },
    ],
    localFunctions: [{ type: 'heated_gathering_place', description: 'Skolan' }],
    activation: { text: 'Butiksägaren larmar.', documentRef: null, lastReviewed: null },
    fuelMaxDistanceM: 300,
    minMembers: 3,
    testSchedule: { monthlyHours: 4, yearlyFullLoadHours: 12 },
    note: null,
    version: 3,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    access: { read: true, write: true, personal: true, log: true },
    ...over,
  };
}
