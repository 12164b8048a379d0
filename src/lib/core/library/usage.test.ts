import { describe, expect, it } from 'vitest';
import { exportsPerPlatform, operationsPerModule, spendPerProviderMonth, type UsageEvent } from './usage';

const at = (iso: string) => Date.parse(iso);
const events: UsageEvent[] = [
  { at: at('2026-01-05'), kind: 'save', module: 'import' },
  { at: at('2026-01-06'), kind: 'operation', module: 'create', provider: 'stability', cost: 0.04 },
  { at: at('2026-01-20'), kind: 'operation', module: 'create', provider: 'stability', cost: 0.04 },
  { at: at('2026-02-02'), kind: 'operation', module: 'upscale', provider: 'stability', cost: 0.25 },
  { at: at('2026-02-03'), kind: 'operation', module: 'edit', provider: 'gemini', cost: 0.039 },
  { at: at('2026-02-03'), kind: 'export', module: 'social', platform: 'instagram' },
  { at: at('2026-02-04'), kind: 'export', module: 'social', platform: 'instagram' },
  { at: at('2026-02-04'), kind: 'export', module: 'library' }
];

describe('usage analytics', () => {
  it('counts operations per module, most used first, without exports', () => {
    expect(operationsPerModule(events)).toEqual([
      { label: 'create', value: 2 },
      { label: 'import', value: 1 },
      { label: 'upscale', value: 1 },
      { label: 'edit', value: 1 }
    ]);
  });

  it('counts exports per platform, plain downloads apart', () => {
    expect(exportsPerPlatform(events)).toEqual([
      { label: 'instagram', value: 2 },
      { label: 'download', value: 1 }
    ]);
  });

  it('sums spend per provider and month', () => {
    expect(spendPerProviderMonth(events)).toEqual([
      { month: '2026-01', provider: 'stability', cost: 0.08 },
      { month: '2026-02', provider: 'stability', cost: 0.25 },
      { month: '2026-02', provider: 'gemini', cost: 0.039 }
    ]);
  });
});
