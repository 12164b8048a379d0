export interface UsageEvent {
  at: number;
  kind: 'save' | 'operation' | 'export';
  module: string;
  platform?: string;
  provider?: string;
  cost?: number;
}

export interface Bar {
  label: string;
  value: number;
}

function countBy(events: readonly UsageEvent[], key: (event: UsageEvent) => string | undefined): Bar[] {
  const counts = new Map<string, number>();
  for (const event of events) {
    const label = key(event);
    if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
}

/** Saves and operations per module: where the work happens. */
export const operationsPerModule = (events: readonly UsageEvent[]): Bar[] =>
  countBy(
    events.filter((event) => event.kind !== 'export'),
    (event) => event.module
  );

export const exportsPerPlatform = (events: readonly UsageEvent[]): Bar[] =>
  countBy(
    events.filter((event) => event.kind === 'export'),
    (event) => event.platform ?? 'download'
  );

/** Money spent per provider and calendar month (UTC), oldest month first, in US dollars. */
export function spendPerProviderMonth(
  events: readonly UsageEvent[]
): { month: string; provider: string; cost: number }[] {
  const totals = new Map<string, number>();
  for (const event of events) {
    if (!event.cost || !event.provider) continue;
    const key = `${new Date(event.at).toISOString().slice(0, 7)}\u0000${event.provider}`;
    totals.set(key, (totals.get(key) ?? 0) + event.cost);
  }
  return [...totals]
    .map(([key, cost]) => {
      const [month = '', provider = ''] = key.split('\u0000');
      return { month, provider, cost: Math.round(cost * 10_000) / 10_000 };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || b.cost - a.cost);
}
