import { type Cell, type Notebook, transpile } from '@observablehq/notebook-kit';
import { VarvError } from '../../engine/errors.ts';

/**
 * Notebook Kit's built-ins that load from cdn.jsdelivr.net when a cell uses them without defining
 * them (d3 among them: import it from node_modules instead).
 */
export const CDN_BUILTINS = [
  '_',
  'aq',
  'Arrow',
  'd3',
  'duckdb',
  'DuckDBClient',
  'echarts',
  'htl',
  'html',
  'svg',
  'Inputs',
  'L',
  'mapboxgl',
  'mermaid',
  'dot',
  'Plot',
  'React',
  'ReactDOM',
  'tex',
  'topojson',
  'vl',
  'aapl',
  'alphabet',
  'cars',
  'citywages',
  'diamonds',
  'flare',
  'industries',
  'miserables',
  'olympians',
  'penguins',
  'pizza',
  'weather',
] as const;

const CODE_MODES = new Set<Cell['mode']>(['js', 'ts', 'ojs']);
const NETWORK_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'`](npm:|jsr:|observable:|https?:\/\/)/;
const NETWORK_SRC = /\bsrc\s*=\s*["']?https?:\/\//i;

/**
 * Refuses a notebook that would need the network: a cell that imports from npm:, jsr:, observable:
 * or a URL, uses a CDN-loaded built-in it does not define itself, embeds a remote image or script,
 * or is a database or interpreter cell (those run outside the notebook; write a
 * `notebooks/<name>.data.ts` loader instead). Throws E_NOTEBOOK_OFFLINE naming every cell.
 */
export function checkOffline(notebook: Notebook, file: string): Notebook {
  const problems: string[] = [];
  const defined = new Set<string>();
  const used: { cell: Cell; inputs: string[] }[] = [];
  for (const cell of notebook.cells) {
    const where = `cell ${cell.id}`;
    if (cell.mode === 'sql' || cell.mode === 'node' || cell.mode === 'python' || cell.mode === 'r') {
      problems.push(
        `${where}: ${cell.mode} cells run outside the notebook; compute the data in a .data.ts loader`,
      );
      continue;
    }
    if (CODE_MODES.has(cell.mode)) {
      const m = NETWORK_IMPORT.exec(cell.value);
      if (m) problems.push(`${where}: imports from ${m[1]} (the network); import from node_modules`);
    } else if (NETWORK_SRC.test(cell.value)) {
      problems.push(`${where}: loads a remote resource (src=http…); put it next to the notebook`);
    }
    try {
      const t = transpile(cell);
      for (const o of t.outputs ?? []) defined.add(o);
      if (cell.output) defined.add(cell.output);
      used.push({ cell, inputs: t.inputs ?? [] });
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
  }
  const cdn = new Set<string>(CDN_BUILTINS);
  for (const { cell, inputs } of used)
    for (const name of inputs)
      if (cdn.has(name) && !defined.has(name))
        problems.push(
          `cell ${cell.id}: uses the built-in \`${name}\`, which loads from the CDN; import it from node_modules` +
            (name === 'd3' ? ' (import * as d3 from "d3")' : ''),
        );
  if (problems.length)
    throw new VarvError(
      'E_NOTEBOOK_OFFLINE',
      `${file} would need the network:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  return notebook;
}
