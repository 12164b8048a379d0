import { describe, expect, it } from 'vitest';
import { batchProgress, formatEta } from './progress';

const job = (status: Parameters<typeof batchProgress>[0][number]['status'], actual?: number) => ({
  status,
  costEstimateMicros: 30_000,
  costActualMicros: actual
});

describe('batchProgress', () => {
  it('counts by status, adds what was charged and guesses the time left from the pace so far', () => {
    const progress = batchProgress(
      [
        job('succeeded', 30_000),
        job('succeeded', 20_000),
        job('failed'),
        job('running'),
        job('queued'),
        job('cancelled')
      ],
      1_000,
      31_000
    );
    expect(progress.counts).toMatchObject({ succeeded: 2, failed: 1, running: 1, queued: 1, cancelled: 1 });
    expect(progress.finished).toBe(4);
    expect(progress.fraction).toBeCloseTo(4 / 6);
    expect(progress.spentMicros).toBe(50_000);
    expect(progress.estimateMicros).toBe(150_000);
    // 30 s for 3 worked jobs, 2 left → 20 s.
    expect(progress.etaMs).toBe(20_000);
  });

  it('has no ETA before the first job finishes or after the last', () => {
    expect(batchProgress([job('running')], 0, 10).etaMs).toBeUndefined();
    expect(batchProgress([job('succeeded')], 0, 10).etaMs).toBeUndefined();
  });

  it('formats the ETA roughly', () => {
    expect(formatEta(40_400)).toBe('about 40 s');
    expect(formatEta(185_000)).toBe('about 3 min');
    expect(formatEta(3_900_000)).toBe('about 1 h 5 min');
  });
});
