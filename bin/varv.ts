import { readFileSync } from 'node:fs';
import { defineCommand, runMain } from 'citty';
import { VarvError } from '../engine/errors.ts';
import { calibrateCommand, calibrateEmbedderCommand } from './commands/calibrate.ts';
import { DEMO_SCENARIOS, demoCommand } from './commands/demo.ts';
import { modelsBuildCommand, modelsVerifyCommand } from './commands/models.ts';
import { noticeCommand } from './commands/notice.ts';
import type { CommandResult } from './commands/output.ts';
import { privacyReportCommand } from './commands/privacyReport.ts';
import { serveCommand } from './commands/serve.ts';
import { simRunCommand } from './commands/simRun.ts';
import { storeRetentionCommand, storeStatusCommand } from './commands/store.ts';
import { validateCommand } from './commands/validate.ts';
import { whatifCommand } from './commands/whatif.ts';
import { workerCommand } from './commands/worker.ts';

// The CLI entry: parses arguments, prints what commands return, and is the only place that
// decides the process's exit status.

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const jsonArg = {
  type: 'boolean',
  description: 'end stdout with one JSON line summarising the run',
} as const;

/**
 * Runs a command and prints its lines, then (with --json) its summary as the last line of stdout.
 * A VarvError becomes one clear line on stderr and exit status 1 (2 for usage), not a stack trace.
 */
function finish(command: () => CommandResult, json: boolean) {
  let result: CommandResult;
  try {
    result = command();
  } catch (e) {
    if (!(e instanceof VarvError)) throw e;
    process.stderr.write(`varv: ${e.message} [${e.code}]\n`);
    if (json)
      process.stdout.write(`${JSON.stringify({ ok: false, error: { code: e.code, message: e.message } })}\n`);
    process.exitCode = e.code === 'E_USAGE' ? 2 : 1;
    return;
  }
  for (const line of result.lines) process.stdout.write(`${line}\n`);
  if (json) process.stdout.write(`${JSON.stringify(result.summary)}\n`);
  process.exitCode = result.code;
}

const validate = defineCommand({
  meta: {
    name: 'validate',
    description: 'Check store layouts and scenarios; errors name the JSON path and the rule',
  },
  args: {
    files: {
      type: 'positional',
      description: 'store (varv.store/1) or scenario (varv.scenario/1) JSON files',
      required: false,
    },
    describe: {
      type: 'boolean',
      description: 'summarise each valid store: area, zones, fixtures, tills, cameras, loop length',
    },
    json: jsonArg,
  },
  run: ({ args }) =>
    finish(() => validateCommand(args._, { describe: Boolean(args.describe) }), Boolean(args.json)),
});

const num = (v: unknown, name: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new VarvError('E_USAGE', `--${name} expects a number, got "${String(v)}"`);
  return n;
};

const calibrateCmd = defineCommand({
  meta: {
    name: 'calibrate',
    description:
      'Choose the group-ID quantiser for a target consistency on the noise model (or, with --embedder, the real embedder); report held-out rates with 95% intervals',
  },
  args: {
    store: {
      type: 'string',
      description: 'store id (its key comes from --key-file, VARV_KEY_<STORE> or VARV_KEY_FILE)',
      required: true,
    },
    'key-file': { type: 'string', description: 'file holding the store key (hex or base64)' },
    dim: { type: 'string', default: '128', description: 'embedding dimensions' },
    angle: {
      type: 'string',
      default: '10',
      description: 'mean angle (degrees) between an observation and the identity',
    },
    sd: { type: 'string', default: '2.5', description: 'its standard deviation (degrees)' },
    pairs: {
      type: 'string',
      default: '6000',
      description: 'genuine and impostor pairs each (a quarter held out)',
    },
    consistency: {
      type: 'string',
      default: '0.5',
      description: 'target P(same group | same person, same interval)',
    },
    groups: { type: 'string', default: '256', description: 'number of groups' },
    seed: {
      type: 'string',
      default: '1',
      description: 'seed of the synthetic pairs (or of the augmentations)',
    },
    embedder: {
      type: 'boolean',
      description:
        'calibrate on the real embedder: augmented faces of sample photographs instead of the noise model (--dim, --angle, --sd, --pairs unused)',
    },
    images: {
      type: 'string',
      description: "with --embedder: folder of photographs (default: @vladmandic/face-api's demo folder)",
    },
    'per-face': { type: 'string', default: '8', description: 'with --embedder: augmentations per face' },
    out: { type: 'string', description: 'with --embedder: write the summary JSON (fitted noise model) here' },
    json: jsonArg,
  },
  run: ({ args }) =>
    args.embedder
      ? finishAsync(
          () =>
            calibrateEmbedderCommand({
              store: args.store,
              keyFile: args['key-file'],
              images: args.images,
              perFace: num(args['per-face'], 'per-face'),
              consistency: num(args.consistency, 'consistency'),
              groups: num(args.groups, 'groups'),
              seed: num(args.seed, 'seed'),
              out: args.out,
            }),
          Boolean(args.json),
        )
      : finish(
          () =>
            calibrateCommand({
              store: args.store,
              keyFile: args['key-file'],
              dim: num(args.dim, 'dim'),
              angle: num(args.angle, 'angle'),
              sd: num(args.sd, 'sd'),
              pairs: num(args.pairs, 'pairs'),
              consistency: num(args.consistency, 'consistency'),
              groups: num(args.groups, 'groups'),
              seed: num(args.seed, 'seed'),
            }),
          Boolean(args.json),
        ),
});

const numList = (v: unknown, name: string): number[] | undefined =>
  v === undefined
    ? undefined
    : String(v)
        .split(',')
        .map((x) => num(x.trim(), name));

const privacyReportCmd = defineCommand({
  meta: {
    name: 'report',
    description:
      'The privacy risk report of a configuration: every attack and measure of the privacy lab over several seeds, rated against stated thresholds, with what to change; report.json and a self-contained report.html',
  },
  args: {
    config: {
      type: 'positional',
      description:
        'a privacy-lab file (varv.privacy-lab/1), a scenario, a store, or a store id (default: the demo grocery lab file)',
      required: false,
    },
    days: { type: 'string', description: 'override the simulated days' },
    seeds: {
      type: 'string',
      default: '3',
      description: 'seeds (runs) to pool, from the configuration seed on',
    },
    out: {
      type: 'string',
      default: 'out/privacy-report',
      description: 'folder for report.json and report.html',
    },
    frontier: {
      type: 'boolean',
      description: 'measure the privacy–utility frontier over groups × consistency',
    },
    attacks: { type: 'string', description: 'override the attacks per figure and seed' },
    'grid-groups': { type: 'string', description: 'frontier groups, comma-separated (default 64,256,1024)' },
    'grid-consistency': { type: 'string', description: 'frontier consistencies (default 0.3,0.5,0.8)' },
    'frontier-days': {
      type: 'string',
      description: 'crowd-simulated days per seed for the frontier (default 3)',
    },
    'frontier-window': {
      type: 'string',
      description: 'clock window the frontier simulates, HH:MM-HH:MM (default: the lunch interval)',
    },
    json: jsonArg,
  },
  run: ({ args }) =>
    finish(() => {
      const window = args['frontier-window']?.split('-');
      if (window && window.length !== 2)
        throw new VarvError(
          'E_USAGE',
          `--frontier-window expects HH:MM-HH:MM, got "${args['frontier-window']}"`,
        );
      return privacyReportCommand(args.config, {
        days: args.days === undefined ? undefined : num(args.days, 'days'),
        seeds: num(args.seeds, 'seeds'),
        out: args.out,
        frontier: Boolean(args.frontier),
        attacks: args.attacks === undefined ? undefined : num(args.attacks, 'attacks'),
        gridGroups: numList(args['grid-groups'], 'grid-groups'),
        gridConsistency: numList(args['grid-consistency'], 'grid-consistency'),
        frontierDays:
          args['frontier-days'] === undefined ? undefined : num(args['frontier-days'], 'frontier-days'),
        frontierWindow: window ? { start: window[0] as string, end: window[1] as string } : undefined,
        progress: process.stderr.isTTY,
      });
    }, Boolean(args.json)),
});

const privacy = defineCommand({
  meta: { name: 'privacy', description: 'Privacy core tools' },
  subCommands: { calibrate: calibrateCmd, report: privacyReportCmd },
});

const simRun = defineCommand({
  meta: {
    name: 'run',
    description:
      'Run a simulation: store days write events.jsonl (and truth.jsonl, trajectories.csv as the scenario\'s "outputs" ask) and measurements.json; experiments write trajectories.csv, truth.jsonl and measurements.json',
  },
  args: {
    scenario: { type: 'positional', description: 'a varv.scenario/1 file', required: true },
    seed: { type: 'string', description: 'override the scenario seed' },
    days: { type: 'string', description: 'override the number of store days' },
    out: { type: 'string', default: 'out', description: 'folder for the output files' },
    score: {
      type: 'boolean',
      description: 'score every KPI of the analytics against the truth: print a table, write score.json',
    },
    json: jsonArg,
  },
  run: ({ args }) =>
    finish(
      () =>
        simRunCommand(args.scenario, {
          seed: args.seed === undefined ? undefined : num(args.seed, 'seed'),
          days: args.days === undefined ? undefined : num(args.days, 'days'),
          out: args.out,
          progress: true,
          score: Boolean(args.score),
        }),
      Boolean(args.json),
    ),
});

const sim = defineCommand({
  meta: { name: 'sim', description: 'The simulator' },
  subCommands: { run: simRun },
});

const modelsDirArg = {
  type: 'string',
  description: 'folder of the .onnx files (default: models/onnx)',
} as const;

const models = defineCommand({
  meta: { name: 'models', description: 'Convert (build) and check (verify) the ONNX face models' },
  subCommands: {
    build: defineCommand({
      meta: {
        name: 'build',
        description: 'Convert the TF.js graph models to ONNX and check them against the manifest',
      },
      args: {
        dir: modelsDirArg,
        'write-manifest': { type: 'boolean', description: 'rewrite models/manifest.json from this build' },
        json: jsonArg,
      },
      run: ({ args }) =>
        finish(
          () => modelsBuildCommand({ dir: args.dir, writeManifest: Boolean(args['write-manifest']) }),
          Boolean(args.json),
        ),
    }),
    verify: defineCommand({
      meta: { name: 'verify', description: "Check the .onnx files against the manifest's sha256" },
      args: { dir: modelsDirArg, json: jsonArg },
      run: ({ args }) => finish(() => modelsVerifyCommand({ dir: args.dir }), Boolean(args.json)),
    }),
  },
});

const demo = defineCommand({
  meta: {
    name: 'demo',
    description:
      "Simulate the demo stores' day, replay it at an accelerated clock through the server, and serve the 3D twin (npm start)",
  },
  args: {
    port: { type: 'string', default: '8080', description: 'port (0: any free port)' },
    host: { type: 'string', default: '127.0.0.1', description: 'address to bind' },
    speed: { type: 'string', default: '60', description: 'simulated seconds per real second' },
    token: { type: 'string', description: 'the admin token to accept (default: a fresh random one)' },
  },
  run: async ({ args }) => {
    try {
      await demoCommand({
        port: num(args.port, 'port'),
        host: args.host,
        speed: num(args.speed, 'speed'),
        token: args.token,
        scenarios: DEMO_SCENARIOS,
      });
    } catch (e) {
      if (!(e instanceof VarvError)) throw e;
      process.stderr.write(`varv: ${e.message} [${e.code}]\n`);
      process.exitCode = 1;
    }
  },
});

const serve = defineCommand({
  meta: {
    name: 'serve',
    description: 'The live engine with real cameras, the API and the twin, from a varv.serve/1 configuration',
  },
  args: {
    config: { type: 'string', required: true, description: 'the configuration file (varv.serve/1)' },
  },
  run: async ({ args }) => {
    try {
      await serveCommand({ config: args.config });
    } catch (e) {
      if (!(e instanceof VarvError)) throw e;
      process.stderr.write(`varv: ${e.message} [${e.code}]\n`);
      process.exitCode = 1;
    }
  },
});

const storeDirArg = {
  type: 'string',
  description: 'PGlite folder when VARV_DATABASE_URL is unset (default: VARV_DATA_DIR or .varv/events)',
} as const;

/** Awaits a command, then prints it as `finish` does. */
const finishAsync = async (command: () => Promise<CommandResult>, json: boolean) => {
  const result = await Promise.resolve()
    .then(command)
    .then(
      (r) => () => r,
      (e: unknown) => () => {
        throw e;
      },
    );
  finish(result, json);
};

const store = defineCommand({
  meta: {
    name: 'store',
    description: 'The event store: PGlite in a folder, or PostgreSQL when VARV_DATABASE_URL is set',
  },
  subCommands: {
    status: defineCommand({
      meta: {
        name: 'status',
        description:
          'Open (and migrate) the store; show its schema version, outbox and highest seq per store',
      },
      args: { dir: storeDirArg, json: jsonArg },
      run: ({ args }) => finishAsync(() => storeStatusCommand({ dir: args.dir }), Boolean(args.json)),
    }),
    retention: defineCommand({
      meta: {
        name: 'retention',
        description: 'Roll raw sightings older than --days up per zone and hour, and delete them',
      },
      args: {
        dir: storeDirArg,
        days: { type: 'string', default: '30', description: 'days of raw sightings to keep' },
        json: jsonArg,
      },
      run: ({ args }) =>
        finishAsync(
          () => storeRetentionCommand({ dir: args.dir, days: num(args.days, 'days') }),
          Boolean(args.json),
        ),
    }),
  },
});

const whatif = defineCommand({
  meta: {
    name: 'whatif',
    description:
      "Run a baseline and its variants on the same seeds; each KPI's mean and 95% interval, the paired difference to the baseline and its significance (tables, whatif.json, whatif.html); with VARV_NATS_URL the runs go through the NATS work queue to `varv worker`s",
  },
  args: {
    baseline: {
      type: 'positional',
      description: 'the baseline: a varv.scenario/1 store day',
      required: true,
    },
    variants: {
      type: 'positional',
      description: 'variants: varv.variant/1 (baseline + patch) or varv.scenario/1 files',
      required: false,
    },
    seeds: { type: 'string', default: '10', description: 'seeds per arm (at least 2)' },
    'first-seed': { type: 'string', description: "the first seed (default: the baseline's seed)" },
    workers: {
      type: 'string',
      description:
        'runs at a time here (default: the cores; 1: on the main thread); with VARV_NATS_URL, threads here that also take runs (default 0)',
    },
    timeout: {
      type: 'string',
      default: '0',
      description: 'over NATS: give up after this many seconds without a result (0: wait for ever)',
    },
    out: { type: 'string', default: 'out/whatif', description: 'folder for whatif.json and whatif.html' },
    json: jsonArg,
  },
  run: ({ args }) => {
    const [baseline, ...variants] = args._;
    return finishAsync(
      () =>
        whatifCommand(baseline as string, variants, {
          seeds: num(args.seeds, 'seeds'),
          firstSeed: args['first-seed'] === undefined ? undefined : num(args['first-seed'], 'first-seed'),
          workers: args.workers === undefined ? undefined : num(args.workers, 'workers'),
          timeoutS: num(args.timeout, 'timeout'),
          out: args.out,
          progress: true,
          natsUrl: process.env.VARV_NATS_URL || undefined,
        }),
      Boolean(args.json),
    );
  },
});

const worker = defineCommand({
  meta: {
    name: 'worker',
    description: 'Take what-if runs from the NATS JetStream work queue (VARV_NATS_URL) until stopped',
  },
  args: {
    threads: { type: 'string', description: 'worker threads (default: one per core; 0: the main thread)' },
    'max-jobs': { type: 'string', description: 'stop after this many runs' },
    name: { type: 'string', description: "the worker's name (default: varv-worker-<host>-<pid>)" },
    json: jsonArg,
  },
  run: ({ args }) =>
    finishAsync(
      () =>
        workerCommand({
          natsUrl: process.env.VARV_NATS_URL || undefined,
          threads: args.threads === undefined ? undefined : num(args.threads, 'threads'),
          maxJobs: args['max-jobs'] === undefined ? undefined : num(args['max-jobs'], 'max-jobs'),
          name: args.name,
          log: (line) => process.stderr.write(`${line}\n`),
        }),
      Boolean(args.json),
    ),
});

const notice = defineCommand({
  meta: {
    name: 'notice',
    description:
      "The information at the door from a store's controller section: the A3 sign (SVG, PDF) with a QR code, the second-layer notice (GDPR Art. 13), the Art. 30 record (HTML, JSON) and the DPIA appendix",
  },
  args: {
    store: {
      type: 'positional',
      description:
        'a store layout (or a scenario: its store and privacy settings), or a store id in scenarios/stores',
      required: true,
    },
    lang: { type: 'string', description: 'sv or en (default: both)' },
    out: { type: 'string', description: 'folder for the files (default: out/notice/<store id>)' },
    risk: { type: 'string', description: "a risk report's JSON (varv privacy report) for the DPIA appendix" },
    date: { type: 'string', description: "the documents' date, YYYY-MM-DD (default: today at the store)" },
    json: jsonArg,
  },
  run: ({ args }) =>
    finishAsync(
      () => noticeCommand(args.store, { lang: args.lang, out: args.out, risk: args.risk, date: args.date }),
      Boolean(args.json),
    ),
});

const main = defineCommand({
  meta: {
    name: 'varv',
    version: pkg.version,
    description: 'Anonymous-by-design store analytics and digital-twin workbench',
  },
  subCommands: { validate, sim, privacy, models, demo, serve, store, whatif, worker, notice },
});

await runMain(main);
