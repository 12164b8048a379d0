import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { OptimizeReportSchema } from '../src/lib/core/optimize/schema';
import { machine } from './machine';
import { recordSection } from './performance-doc';
import { formatTable, median } from './table';

const run = promisify(execFile);
const RUNS = 7;
const QUALITY = 85;
const HELP_RUNS = 10;

/** Wall time of one whole process, start to exit. */
async function timeProcess(args: string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - started, stdout };
}

const START_RUNS = 5;
const START_PORT = 4399;

/**
 * `npm start` as a user runs it (scripts/start.mjs, build current, data folder already created), from spawn to
 * the first 200 from /api/health; then stopped.
 */
async function timeStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(START_PORT), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: 'ignore'
  });
  try {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${START_PORT}/api/health`)
        .then((response) => response.status)
        .catch(() => 0);
      if (status === 200) return performance.now() - started;
      if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}

const range = (times: number[]) => `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`;

/**
 * `image-studio optimize` as a user runs it — a new process that decodes a 12 MP JPEG, detects faces and
 * renders every preset — against sharp decoding once and rendering the same crops in a process of its own
 * (Node's start included for both), in turn under the same load.
 */
export async function benchCli(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cli-'));
  try {
    const source = join(dir, 'source-12mp.jpg');
    await writeFile(
      source,
      await sharp('tests/fixtures/faces/sample1.jpg')
        .resize(4000, 3000, { fit: 'cover', kernel: 'lanczos3' })
        .jpeg({ quality: 90 })
        .toBuffer()
    );
    const cliArgs = (out: string) => [
      'bin/image-studio.mjs',
      'optimize',
      source,
      '--presets',
      'all',
      '--format',
      'jpeg',
      '--quality',
      String(QUALITY),
      '--json',
      '--out',
      out
    ];
    // Once untimed: builds the CLI if its build is stale, writes Human's V8 code cache as any first run does
    // (workers/vision/code-cache.ts), and gives the crops the reference renders.
    const first = await timeProcess(cliArgs(join(dir, 'warm')));
    const report = OptimizeReportSchema.parse(JSON.parse(first.stdout));
    const reportPath = join(dir, 'report.json');
    await writeFile(reportPath, first.stdout);
    const faces = report.outputs[0]?.detections.faces.length ?? 0;
    // The CLI makes each distinct render once; the reference renders every output, as a plain script would.
    const renders = new Set(
      report.outputs.map(({ crop, width, height, format, quality }) =>
        JSON.stringify([crop, width, height, format, quality])
      )
    ).size;

    const ours: number[] = [];
    const reference: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      const out = join(dir, `run-${index}`);
      await mkdir(out);
      ours.push((await timeProcess(cliArgs(out))).ms);
      const refOut = join(dir, `ref-${index}`);
      await mkdir(refOut);
      reference.push(
        (await timeProcess(['bench/sharp-decode-once.mjs', source, reportPath, refOut, String(QUALITY)])).ms
      );
    }
    const help: number[] = [];
    const bare: number[] = [];
    for (let index = 0; index < HELP_RUNS; index++) {
      help.push((await timeProcess(['bin/image-studio.mjs', '--help'])).ms);
      bare.push((await timeProcess(['-e', '0'])).ms);
    }

    const dataDir = join(dir, 'data');
    await timeStart(dataDir); // untimed: creates the database in the new data folder
    const starts: number[] = [];
    for (let index = 0; index < START_RUNS; index++) starts.push(await timeStart(dataDir));

    const ratio = median(ours) / median(reference);
    const date = new Date().toISOString().slice(0, 10);
    const table = [
      `CLI, ${date}: a 4000×3000 (12 MP) JPEG → all ${report.outputs.length} presets, JPEG q${QUALITY} ` +
        `(${renders} distinct crops and sizes: the CLI encodes each once, the reference all ${report.outputs.length}), ` +
        `faces detected (${faces} found), whole process start to exit (a second run: V8 code cache written), ` +
        `median of ${RUNS} runs in turn; ${machine()}`,
      '',
      formatTable(
        ['process', 'median ms', 'range ms', 'vs sharp'],
        [
          [
            'image-studio optimize (built JS, detection)',
            median(ours).toFixed(0),
            range(ours),
            `${ratio.toFixed(2)}×`
          ],
          [
            'node + sharp, decode once + same crops (reference)',
            median(reference).toFixed(0),
            range(reference),
            '1.00×'
          ],
          [`image-studio --help (${HELP_RUNS} runs)`, median(help).toFixed(0), range(help), '—'],
          [`node -e 0 (Node's start alone)`, median(bare).toFixed(0), range(bare), '—'],
          [
            `npm start → /api/health, build current (${START_RUNS} runs)`,
            median(starts).toFixed(0),
            range(starts),
            '—'
          ]
        ]
      ),
      '',
      formatTable(
        ['measure', 'value', 'target', 'verdict'],
        [
          [
            'CLI whole process vs sharp decode-once',
            `${ratio.toFixed(2)}×`,
            '≤ 1.3×',
            ratio <= 1.3 ? 'met' : 'NOT met'
          ],
          [
            'image-studio --help',
            `${median(help).toFixed(0)} ms`,
            '< 300 ms',
            median(help) < 300 ? 'met' : 'NOT met'
          ],
          [
            'npm start → /api/health',
            `${median(starts).toFixed(0)} ms`,
            '≤ 5000 ms',
            median(starts) <= 5000 ? 'met' : 'NOT met'
          ]
        ]
      )
    ].join('\n');
    await recordSection('cli', `## Command line (bench/cli.ts, ${date})\n\n${table}\n`);
    return table;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
