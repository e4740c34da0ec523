import { readFileSync } from 'node:fs';
import { defineCommand, runMain } from 'citty';
import { VarvError } from '../engine/errors.ts';
import type { CommandResult } from './commands/output.ts';
import { validateCommand } from './commands/validate.ts';

// The CLI entry: parses arguments, prints what commands return, and is the only place that
// decides the process's exit status.

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const jsonArg = {
  type: 'boolean',
  description: 'end stdout with one JSON line summarising the run',
} as const;

/** Prints a command's lines, then (with --json) its summary as the last line of stdout. */
function finish(result: CommandResult, json: boolean) {
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
    finish(validateCommand(args._, { describe: Boolean(args.describe) }), Boolean(args.json)),
});

const main = defineCommand({
  meta: {
    name: 'varv',
    version: pkg.version,
    description: 'Anonymous-by-design store analytics and digital-twin workbench',
  },
  subCommands: { validate },
});

try {
  await runMain(main);
} catch (e) {
  if (e instanceof VarvError) {
    process.stderr.write(`varv: ${e.message} [${e.code}]\n`);
    process.exit(1);
  }
  throw e;
}
