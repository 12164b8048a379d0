import { usage, UsageError } from './usage';

/**
 * Every command, loaded only when it runs: each brings its own codecs and models, and `--help` or a typo must
 * not wait for them. A command module exports `run(args)` (its arguments after the command's name) returning
 * the exit code, and throws UsageError for a bad command line.
 */
const commands: Record<string, () => Promise<{ run: (args: string[]) => Promise<number> }>> = {
  optimize: () => import('./optimize')
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (
    name === undefined ||
    ['--help', '-h', 'help'].includes(name) ||
    args.includes('--help') ||
    args.includes('-h')
  ) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    const command = commands[name];
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    return await (await command()).run(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
}
