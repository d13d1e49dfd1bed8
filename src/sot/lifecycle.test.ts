import { describe, expect, it } from 'vitest';
import { isBackward, type TransitionContext, transitionProblems } from './lifecycle.js';

const ctx = (over: Partial<TransitionContext>): TransitionContext => ({
  from: 'ide',
  to: 'utredning',
  note: null,
  gensetInstalled: false,
  passedTestRuns: 0,
  date: '2026-06-15',
  today: '2026-06-15',
  ...over,
});

describe('lifecycle rules', () => {
  it('allows any forward move, skipping steps', () => {
    expect(transitionProblems(ctx({ to: 'utredning' }))).toEqual([]);
    expect(transitionProblems(ctx({ to: 'upphandlad' }))).toEqual([]);
  });

  it('needs a note to move backwards or out of avvecklad', () => {
    expect(isBackward('beviljad', 'ansokan')).toBe(true);
    expect(isBackward('avvecklad', 'i_drift')).toBe(true);
    expect(isBackward('i_drift', 'avvecklad')).toBe(false);
    expect(transitionProblems(ctx({ from: 'beviljad', to: 'ansokan' }))[0].field).toBe('note');
    expect(transitionProblems(ctx({ from: 'beviljad', to: 'ansokan', note: '  ' }))[0].field).toBe('note');
    expect(transitionProblems(ctx({ from: 'beviljad', to: 'ansokan', note: 'Avslag' }))).toEqual([]);
  });

  it('avvecklad is reachable from anywhere without a note', () => {
    for (const from of ['ide', 'beviljad', 'i_drift'] as const)
      expect(transitionProblems(ctx({ from, to: 'avvecklad' }))).toEqual([]);
  });

  it('i_drift needs an installed generator and a passed test run', () => {
    const reasons = transitionProblems(ctx({ from: 'levererad', to: 'i_drift' })).map((p) => p.reason);
    expect(reasons).toHaveLength(2);
    expect(transitionProblems(ctx({ from: 'levererad', to: 'i_drift', gensetInstalled: true }))).toHaveLength(
      1,
    );
    expect(
      transitionProblems(ctx({ from: 'levererad', to: 'i_drift', gensetInstalled: true, passedTestRuns: 1 })),
    ).toEqual([]);
  });

  it('refuses the same status and a future date', () => {
    expect(transitionProblems(ctx({ from: 'beslut', to: 'beslut' }))[0].field).toBe('to');
    expect(transitionProblems(ctx({ date: '2026-06-16' }))[0].field).toBe('date');
  });
});
