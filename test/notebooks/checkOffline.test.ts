import { type CellSpec, toNotebook } from '@observablehq/notebook-kit';
import { describe, expect, it } from 'vitest';
import { checkOffline } from '../../notebooks/kit/checkOffline.ts';
import { singleFile } from '../../notebooks/kit/singleFile.ts';
import { thrown } from '../thrown.ts';

const notebook = (...cells: Omit<CellSpec, 'id'>[]) =>
  toNotebook({ cells: cells.map((c, i) => ({ id: i + 1, ...c })) });

describe('checkOffline: a notebook must not need the network', () => {
  it('passes imports from node_modules and from Varv, and built-ins the notebook defines itself', () => {
    const nb = notebook(
      { mode: 'js', value: 'import * as d3 from "d3";' },
      { mode: 'js', value: 'import { erlangC } from "../engine/analytics/erlangC.ts";' },
      { mode: 'js', value: 'display(d3.create("svg").node())' },
      // A markdown cell with an expression (Notebook Kit's `${…}`, here a plain string).
      { mode: 'md', value: `# Title $${'{'}d3.format(".2f")(erlangC(2, 1, 1).pWait)}` },
    );
    expect(checkOffline(nb, 'ok.html')).toBe(nb);
  });

  it('refuses npm:, jsr: and URL imports, CDN built-ins, remote images and interpreter cells, naming each cell', () => {
    const e = thrown(() =>
      checkOffline(
        notebook(
          { mode: 'js', value: 'import * as Plot from "npm:@observablehq/plot";' },
          { mode: 'js', value: 'const x = await import("https://cdn.example.org/x.js");' },
          { mode: 'js', value: 'd3.range(3)' },
          { mode: 'html', value: '<img src="https://example.org/a.png">' },
          { mode: 'node', value: 'process.stdout.write("1")' },
          { mode: 'js', value: 'Inputs.range([0, 1])' },
        ),
        'bad.html',
      ),
    );
    expect(e.code).toBe('E_NOTEBOOK_OFFLINE');
    for (const cell of [
      'cell 1: imports from npm:',
      'cell 2: imports from https://',
      'cell 3: uses the built-in `d3`',
    ])
      expect(e.message).toContain(cell);
    expect(e.message).toContain('cell 4: loads a remote resource');
    expect(e.message).toContain('cell 5: node cells run outside the notebook');
    expect(e.message).toContain('cell 6: uses the built-in `Inputs`');
    expect(e.message).toContain('bad.html');
  });
});

describe('singleFile: a built page with its scripts and styles inside', () => {
  it('inlines module scripts and style sheets, keeping "</script" in the code from ending the element', () => {
    const html =
      '<head><link rel="stylesheet" crossorigin href="./assets/a.css"></head><body><script type="module" crossorigin src="./assets/a.js"></script></body>';
    const assets = new Map([
      ['assets/a.js', 'const s = "</script><!-- x";'],
      ['assets/a.css', 'main { color: red }'],
    ]);
    const out = singleFile(html, assets, 'a.html');
    expect(out).toBe(
      '<head><style>main { color: red }</style></head><body><script type="module">const s = "\\x3C/script>\\x3C!-- x";</script></body>',
    );
  });

  it('refuses a page that would still load from assets/ or import a remote style sheet', () => {
    expect(thrown(() => singleFile('<img src="./assets/x.png">', new Map(), 'x.html')).code).toBe(
      'E_NOTEBOOK_BUILD',
    );
    const remote = thrown(() =>
      singleFile(
        '<link rel="stylesheet" href="./assets/a.css">',
        new Map([['assets/a.css', '@import url("https://x.org/a.css");']]),
        'x.html',
      ),
    ) as Error;
    expect(remote.message).toContain('https://x.org/a.css');
  });
});
