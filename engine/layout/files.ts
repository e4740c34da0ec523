import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { VarvError } from '../errors.ts';
import type { Checked } from './issues.ts';
import { SCENARIO_FORMAT } from './schema/scenario.ts';
import { STORE_FORMAT, type StoreLayout } from './schema/store.ts';
import { type ResolvedScenario, validateScenario } from './validateScenario.ts';
import { validateStore } from './validateStore.ts';

// The file-system edge of engine/layout: everything else in the folder is pure.

/** Reads and parses a JSON file; a syntax error names the line and column. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new VarvError('E_READ', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      cause: e,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON.parse does not always say where; jsonc-parser (strict settings) finds the offset.
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    let where = '';
    if (first) {
      const before = text.slice(0, first.offset);
      where = ` at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')} (${printParseErrorCode(first.error)})`;
    }
    throw new VarvError('E_JSON', `${path} is not valid JSON${where}`, { cause: e });
  }
}

export type ValidatedFile =
  | { kind: 'store'; value: StoreLayout }
  | { kind: 'scenario'; value: ResolvedScenario };

/** Validates a store or scenario file, chosen by its "format" field. */
export function validateFile(path: string): Checked<ValidatedFile> {
  let json: unknown;
  try {
    json = readJsonFile(path);
  } catch (e) {
    if (!(e instanceof VarvError)) throw e;
    return {
      ok: false,
      issues: [{ path: '(file)', rule: e.code === 'E_JSON' ? 'json' : 'readable', message: e.message }],
    };
  }
  const format =
    typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format === SCENARIO_FORMAT) {
    const r = validateScenario(json, (ref) => readJsonFile(resolve(dirname(path), ref)));
    return r.ok ? { ok: true, value: { kind: 'scenario', value: r.value } } : r;
  }
  if (format === STORE_FORMAT) {
    const r = validateStore(json);
    return r.ok ? { ok: true, value: { kind: 'store', value: r.value } } : r;
  }
  return {
    ok: false,
    issues: [
      {
        path: 'format',
        rule: 'format',
        message: `expected "${STORE_FORMAT}" or "${SCENARIO_FORMAT}", found ${JSON.stringify(format)}`,
      },
    ],
  };
}

/** Loads a scenario file with its store resolved and patched; throws VarvError listing every issue. */
export function loadScenarioFile(path: string): ResolvedScenario {
  const r = validateFile(path);
  if (!r.ok)
    throw new VarvError(
      'E_INVALID',
      `${path}:\n${r.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    );
  if (r.value.kind !== 'scenario')
    throw new VarvError('E_INVALID', `${path} is a store layout, not a scenario`);
  return r.value.value;
}

/** Loads and validates a store layout file; throws VarvError listing every issue. */
export function loadStoreFile(path: string): StoreLayout {
  const r = validateFile(path);
  if (!r.ok)
    throw new VarvError(
      'E_INVALID',
      `${path}:\n${r.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    );
  if (r.value.kind !== 'store') throw new VarvError('E_INVALID', `${path} is a scenario, not a store layout`);
  return r.value.value;
}
