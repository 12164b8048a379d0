import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';

const DOC = 'docs/performance.md';
const HEADER = `# Performance

Measured by \`npm run bench\` on the development machine (2 cores, shared). Each section is rewritten by
the bench that owns it; numbers are from one run and move with the machine's load.
`;

/** Replaces (or appends) the section between `<!-- name:start -->` and `<!-- name:end -->` in the doc. */
export async function recordSection(name: string, markdown: string): Promise<void> {
  const current = await readFile(DOC, 'utf8').catch(() => HEADER);
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  // Formatted as the repository's check wants it: a bench run must not leave the doc failing `prettier --check`.
  await writeFile(DOC, await format(next, { ...(await resolveConfig(DOC)), filepath: DOC }));
}
