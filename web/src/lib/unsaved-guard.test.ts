import { describe, expect, it } from 'vitest';
import { emptyPlaceForm } from '../forms/place-model.js';
import { emptyForm } from '../forms/service-point-model.js';
import { createLeaveGuards, formsDiffer, type LeaveGuard } from './unsaved-guard.js';

const guard = (dirty: () => boolean, message = 'Lämna?'): LeaveGuard => ({ dirty, message: () => message });

describe('leave guards', () => {
  it('let the user leave without asking when nothing is dirty', () => {
    const guards = createLeaveGuards();
    const asked: string[] = [];
    const ask = (m: string) => {
      asked.push(m);
      return false;
    };
    expect(guards.confirmLeave(ask)).toBe(true);
    guards.add(guard(() => false));
    expect(guards.confirmLeave(ask)).toBe(true);
    expect(guards.blocking()).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('ask once, with the dirty form’s message, and follow the answer', () => {
    const guards = createLeaveGuards();
    guards.add(guard(() => false, 'clean'));
    guards.add(guard(() => true, 'Osparade ändringar'));
    guards.add(guard(() => true, 'second'));
    const asked: string[] = [];
    expect(
      guards.confirmLeave((m) => {
        asked.push(m);
        return false;
      }),
    ).toBe(false);
    expect(asked).toEqual(['Osparade ändringar']);
    expect(guards.confirmLeave(() => true)).toBe(true);
  });

  it('read the state at the moment of leaving and stop asking once removed', () => {
    const guards = createLeaveGuards();
    let dirty = false;
    const remove = guards.add(guard(() => dirty));
    expect(guards.confirmLeave(() => false)).toBe(true);
    dirty = true;
    expect(guards.confirmLeave(() => false)).toBe(false);
    remove();
    expect(guards.confirmLeave(() => false)).toBe(true);
    // Removing twice, or one of two registrations of the same guard, leaves the other in place.
    const same = guard(() => true);
    const first = guards.add(same);
    guards.add(same);
    first();
    first();
    expect(guards.blocking()).toBeDefined();
  });
});

describe('formsDiffer', () => {
  it('sees no change in a copy, in reordered keys or in undefined versus missing', () => {
    const form = emptyForm('fuel');
    expect(formsDiffer(form, emptyForm('fuel'))).toBe(false);
    expect(formsDiffer({ ...form }, form)).toBe(false);
    expect(formsDiffer({ b: 1, a: { y: [1, 2], x: 'x' } }, { a: { x: 'x', y: [1, 2] }, b: 1 })).toBe(false);
    expect(formsDiffer({ a: 1, yearRound: undefined }, { a: 1 })).toBe(false);
    expect(formsDiffer(emptyPlaceForm(), emptyPlaceForm())).toBe(false);
  });

  it('sees a changed text, flag, list or nested value', () => {
    const form = emptyForm('fuel');
    expect(formsDiffer({ ...form, name: 'Macken' }, form)).toBe(true);
    expect(formsDiffer({ ...form, staffed: false }, form)).toBe(true);
    expect(formsDiffer({ ...form, fuels: ['diesel'] }, form)).toBe(true);
    expect(formsDiffer({ ...form, otherAttributes: { matchedTag: 'amenity=fuel' } }, form)).toBe(true);
    expect(formsDiffer({ ...emptyPlaceForm(), placeType: 'village' }, emptyPlaceForm())).toBe(true);
    // Order of a list is what is sent, so it counts.
    expect(formsDiffer(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(formsDiffer(['a'], ['a', 'b'])).toBe(true);
    expect(formsDiffer([], {})).toBe(true);
    expect(formsDiffer(null, {})).toBe(true);
    expect(formsDiffer('', undefined)).toBe(true);
    expect(formsDiffer(Number.NaN, Number.NaN)).toBe(false);
  });
});
