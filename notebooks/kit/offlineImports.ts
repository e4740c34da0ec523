import type { Plugin } from 'vite';

const PREFIX = '\0varv-offline:';
const REMOTE_CSS_IMPORT = /@import\s+(?:url\(\s*)?["']?https?:\/\/[^;]*;/;

/**
 * A Vite plugin that keeps a notebook from reaching the network. Notebook Kit's standard library
 * loads its optional libraries (Plot, Inputs, DuckDB, KaTeX, Leaflet, …) from cdn.jsdelivr.net; in
 * a single-file build those imports would be hoisted and fetched on load. Every http(s) import is
 * resolved instead to a local stand-in that throws, when used, an error saying what to do (import
 * the package from node_modules). The check before the build (checkOffline) stops notebooks that
 * would use one; this keeps the others from fetching anything. Style sheets lose their remote
 * `@import`s likewise (Inputs' style sheet imports one from the CDN).
 */
export function offlineImports(): Plugin {
  return {
    name: 'varv-offline-imports',
    enforce: 'pre',
    resolveId(source) {
      return /^https?:\/\//.test(source) ? `${PREFIX}${source}` : null;
    },
    transform(code, id) {
      if (!/\.css($|\?)/.test(id) || !REMOTE_CSS_IMPORT.test(code)) return null;
      return code.replace(
        new RegExp(REMOTE_CSS_IMPORT.source, 'g'),
        '/* remote @import left out: offline */',
      );
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const url = id.slice(PREFIX.length);
      const message = `${url} is not available offline: Varv's notebooks import their libraries from node_modules (e.g. import * as d3 from "d3")`;
      return [
        `const offline = () => { throw new Error(${JSON.stringify(message)}); };`,
        'const stub = new Proxy(function () {}, {',
        "  get: (_, key) => (key === 'then' || typeof key === 'symbol' ? undefined : offline()),",
        '  apply: offline,',
        '  construct: offline,',
        '});',
        'export default stub;',
      ].join('\n');
    },
  };
}
