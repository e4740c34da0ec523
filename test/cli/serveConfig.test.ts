import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServeConfig, resolveTokens } from '../../bin/commands/serveConfig.ts';
import { thrown } from '../thrown.ts';

// `varv serve --config`: the file is checked whole before anything starts, and every problem
// names the file and the JSON path.

const dir = mkdtempSync(join(tmpdir(), 'varv-serve-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const msg = (f: () => unknown) => thrown(f).message;
const grocery = resolve('scenarios/stores/demo-grocery.json');

function config(over: Record<string, unknown> = {}, store: Record<string, unknown> = {}): string {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    `// a comment is fine
${JSON.stringify({
  format: 'varv.serve/1',
  tokens: [
    { env: 'VARV_TEST_MANAGER', role: 'manager' },
    { token: 'cam-secret', role: 'camera', camera: 'cam-entrance' },
  ],
  stores: [
    {
      layout: grocery,
      privacy: {
        groups: 256,
        consistency: 0.5,
        intervals: ['06:00', '11:00', '14:00'],
        key: 'ab'.repeat(32),
      },
      cameras: [{ id: 'cam-entrance', source: { kind: 'push' } }],
      ...store,
    },
  ],
  ...over,
})}`,
  );
  return file;
}

describe('the serve configuration', () => {
  it('loads a valid file with defaults: 127.0.0.1:8080, no TLS, tokens from the environment', () => {
    const c = loadServeConfig(config());
    expect(c.listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(c.tls).toBeUndefined();
    expect(c.stores[0]?.store.id).toBe('demo-grocery');
    expect(resolveTokens(c, { VARV_TEST_MANAGER: 'm' })).toEqual([
      { token: 'm', role: 'manager' },
      { token: 'cam-secret', role: 'camera', camera: 'cam-entrance' },
    ]);
    expect(msg(() => resolveTokens(c, {}))).toMatch(
      /tokens\[0\]: the environment variable VARV_TEST_MANAGER is not set/,
    );
  });

  it('names the path of what is wrong', () => {
    expect(msg(() => loadServeConfig(config({ format: 'x' })))).toMatch(
      /\$\.format: expected "varv\.serve\/1"/,
    );
    expect(
      msg(() => loadServeConfig(config({}, { cameras: [{ id: 'cam-nowhere', source: { kind: 'push' } }] }))),
    ).toMatch(/\$\.stores\[0\]\.cameras\[0\]\.id: store "demo-grocery" has no camera "cam-nowhere"/);
    expect(
      msg(() => loadServeConfig(config({}, { cameras: [{ id: 'cam-entrance', source: { kind: 'rtsp' } }] }))),
    ).toMatch(/\$\.stores\[0\]\.cameras\[0\]\.source.*expected ffmpeg, push or folder/);
    expect(
      msg(() => loadServeConfig(config({ tokens: [{ token: 'x', env: 'Y', role: 'manager' }] }))),
    ).toMatch(/\$\.tokens\[0\].*not both/);
    expect(msg(() => loadServeConfig(config({ tokens: [{ token: 'x', role: 'camera' }] })))).toMatch(
      /a camera token names its camera/,
    );
    expect(msg(() => loadServeConfig(join(dir, 'missing.json')))).toMatch(/cannot read/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": ');
    expect(msg(() => loadServeConfig(broken))).toMatch(/broken\.json: ValueExpected/);
  });
});
