import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { varv } from '../cli/varv.ts';
import { GROCERY, storeJson } from './fixtures.ts';

// `varv notice` end to end, as a user runs it: the files land in the folder and the summary says so.

const dir = mkdtempSync(join(tmpdir(), 'varv-notice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('varv notice', () => {
  it('writes the sign, the notice, the record and the appendix in both languages', () => {
    const risk = join(dir, 'risk.json');
    writeFileSync(
      risk,
      JSON.stringify({ figures: [{ name: 'linkability risk', value: 0.04, rating: 'green' }] }),
    );
    const out = join(dir, 'grocery');
    const r = varv(['notice', GROCERY, '--out', out, '--date', '2026-03-02', '--risk', risk, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sign \(sv\): A3 portrait, body 2\d pt, title \d+ pt, QR version \d/);
    expect(r.stdout).toContain('DPIA appendix: 1 measured figure(s) from');
    const files = ['sign', 'notice', 'record', 'dpia'].flatMap((k) =>
      ['sv', 'en'].map((l) => `${k}.${l}.${k === 'sign' ? 'svg' : 'html'}`),
    );
    expect(readdirSync(out).sort()).toEqual([...files, 'record.json', 'sign.en.pdf', 'sign.sv.pdf'].sort());
    const summary = JSON.parse(r.lastLine);
    expect(summary).toMatchObject({
      command: 'notice',
      ok: true,
      store: 'demo-grocery',
      langs: ['sv', 'en'],
      date: '2026-03-02',
      riskFigures: 1,
    });
    expect(summary.files).toHaveLength(11);
    expect(readFileSync(join(out, 'sign.sv.pdf')).subarray(0, 8).toString()).toBe('%PDF-1.3');
    expect(readFileSync(join(out, 'notice.en.html'), 'utf8')).toContain(
      '<a href="notice.sv.html" hreflang="sv" lang="sv">På svenska</a>',
    );
    expect(readFileSync(join(out, 'dpia.sv.html'), 'utf8')).toContain('linkability risk');
    expect(JSON.parse(readFileSync(join(out, 'record.json'), 'utf8')).issued).toBe('2026-03-02');
  });

  it('takes a store id and one language; refuses an unknown language', () => {
    const out = join(dir, 'fashion');
    const r = varv(['notice', 'demo-fashion', '--lang', 'en', '--out', out, '--date', '2026-03-02']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      [
        'dpia.en.html',
        'notice.en.html',
        'record.en.html',
        'record.json',
        'sign.en.pdf',
        'sign.en.svg',
      ].sort(),
    );
    expect(r.stdout).toContain('no measured risk figures supplied (--risk)');
    const bad = varv(['notice', 'demo-fashion', '--lang', 'de', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang expects sv or en, got "de"');
  });

  it('says what is missing when the store has no controller section', () => {
    const json = storeJson(GROCERY);
    delete json.controller;
    const file = join(dir, 'no-controller.json');
    writeFileSync(file, JSON.stringify(json));
    const r = varv(['notice', file, '--out', join(dir, 'none'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: store "demo-grocery" has no "controller" section`);
    expect(r.stderr).toMatch(
      /name, orgNumber, address, email, dpo, purposes, legitimateInterest, processor, transfers, noticeUrl/,
    );
    expect(r.stderr).toContain('[E_NOTICE_CONFIG]');
    expect(JSON.parse(r.lastLine)).toMatchObject({ ok: false, error: { code: 'E_NOTICE_CONFIG' } });
  });
});
