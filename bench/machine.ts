import { cpus, loadavg } from 'node:os';

/** What a figure was measured on, for every bench table: browser, Node, CPU, cores, and the load at the time. */
export function machine(browser?: string): string {
  const cpu = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
  return [
    browser,
    `Node ${process.versions.node}`,
    `${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length} cores`,
    `load average ${load} (1 / 5 / 15 min)`
  ]
    .filter(Boolean)
    .join('; ');
}
