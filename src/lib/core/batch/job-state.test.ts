import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, canTransition, jobStatuses, transition } from './job-state';
import { MAX_ATTEMPTS, isRetryable, retryDelayMs, shouldRetry } from './retry';

describe('job state machine', () => {
  it('allows the moves of a normal life: scheduled → queued → running → succeeded', () => {
    expect(transition('scheduled', 'queued')).toBe('queued');
    expect(transition('queued', 'running')).toBe('running');
    expect(transition('running', 'succeeded')).toBe('succeeded');
  });

  it('lets a running job go back to the queue (retry, reload) and a failed one be retried', () => {
    expect(transition('running', 'queued')).toBe('queued');
    expect(transition('failed', 'queued')).toBe('queued');
    expect(transition('paused', 'queued')).toBe('queued');
  });

  it.each([
    ['succeeded', 'running'],
    ['succeeded', 'queued'],
    ['cancelled', 'queued'],
    ['cancelled', 'running'],
    ['scheduled', 'running'],
    ['paused', 'running'],
    ['queued', 'succeeded'],
    ['queued', 'failed'],
    ['failed', 'succeeded']
  ] as const)('rejects %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition(from, to)).toThrow(IllegalTransitionError);
    expect(() => transition(from, to)).toThrow(`A ${from} job cannot become ${to}.`);
  });

  it('never lets a finished job (succeeded, cancelled) move at all', () => {
    for (const to of jobStatuses) {
      expect(canTransition('succeeded', to)).toBe(false);
      expect(canTransition('cancelled', to)).toBe(false);
    }
  });

  it('only a running job can succeed or fail', () => {
    for (const from of jobStatuses) {
      expect(canTransition(from, 'succeeded')).toBe(from === 'running');
      expect(canTransition(from, 'failed')).toBe(from === 'running');
    }
  });
});

describe('retry policy', () => {
  it('backs off exponentially with a cap', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(20)).toBe(60_000);
  });

  it('retries network and provider hiccups, not refusals, and stops after the last attempt', () => {
    expect(isRetryable('rate_limited')).toBe(true);
    expect(isRetryable('offline')).toBe(true);
    expect(isRetryable('preflight_failed')).toBe(false);
    expect(isRetryable('key_refused')).toBe(false);
    expect(shouldRetry('upstream_failed', 1)).toBe(true);
    expect(shouldRetry('upstream_failed', MAX_ATTEMPTS)).toBe(false);
  });
});
