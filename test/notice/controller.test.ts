import { describe, expect, it } from 'vitest';
import { validateStore } from '../../engine/layout/index.ts';
import { IMY_URL, noticeFacts, requiredControllerFields } from '../../engine/notice/index.ts';
import { DEFAULT_RETENTION_DAYS } from '../../engine/store/index.ts';
import { thrown } from '../thrown.ts';
import { controllerOf, FASHION, GROCERY, storeJson, validStore } from './fixtures.ts';

/** The issues `varv validate` would list for the grocery store after an edit of its controller section. */
function issuesAfter(edit: (c: Record<string, unknown>) => void) {
  const json = storeJson(GROCERY);
  edit(controllerOf(json));
  const r = validateStore(json);
  return r.ok ? [] : r.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe('the controller section of a store layout', () => {
  it('is valid in both demo stores, and optional', () => {
    expect(validStore(GROCERY).controller?.name).toBe('Exempelbutiken AB');
    expect(validStore(FASHION).controller?.name).toBe('Exempelmode AB');
    expect(validStore(GROCERY, (j) => delete j.controller).controller).toBeUndefined();
  });

  it('names the JSON path of a missing field, an unknown field and a malformed one', () => {
    expect(issuesAfter((c) => delete (c.dpo as Record<string, unknown>).email)).toEqual([
      { path: 'controller.dpo.email', message: 'is required' },
    ]);
    expect(issuesAfter((c) => Object.assign(c, { dpoEmail: 'x@example.org' }))).toEqual([
      { path: 'controller.dpoEmail', message: 'unknown field (check its spelling)' },
    ]);
    expect(issuesAfter((c) => Object.assign(c, { email: 'not an address' }))).toEqual([
      { path: 'controller.email', message: 'expected an e-mail address' },
    ]);
    expect(issuesAfter((c) => Object.assign(c, { noticeUrl: 'http://example.org/x' }))).toEqual([
      { path: 'controller.noticeUrl', message: 'expected an https:// address' },
    ]);
  });

  it('wants every visitor-facing text in Swedish and English', () => {
    expect(
      issuesAfter((c) => Object.assign(c, { legitimateInterest: { sv: 'Att förstå butiken.' } })),
    ).toEqual([{ path: 'controller.legitimateInterest.en', message: 'is required' }]);
    expect(
      issuesAfter((c) => Object.assign(c, { legitimateInterest: 'To understand the store.' }))[0],
    ).toEqual({
      path: 'controller.legitimateInterest',
      message: 'expected the text in Swedish and English: { "sv": "…", "en": "…" }',
    });
  });

  it('knows the purposes and the objection channels by name, each once', () => {
    expect(issuesAfter((c) => Object.assign(c, { purposes: ['queues', 'marketing'] }))[0]?.path).toBe(
      'controller.purposes[1]',
    );
    expect(issuesAfter((c) => Object.assign(c, { purposes: ['queues', 'queues'] }))).toEqual([
      { path: 'controller.purposes', message: 'a purpose is named twice' },
    ]);
    expect(issuesAfter((c) => Object.assign(c, { objection: ['fax'] }))[0]?.path).toBe(
      'controller.objection[0]',
    );
  });

  it('refuses "no transfers" when the processor or a recipient is outside the EEA', () => {
    expect(
      issuesAfter((c) => Object.assign(c, { processor: { name: 'Example Analytics Inc.', country: 'US' } })),
    ).toEqual([
      {
        path: 'controller.transfers',
        message:
          'processor.country is "US", outside the EEA: describe the transfer and its safeguards instead of "none"',
      },
    ]);
    const safeguards = {
      sv: 'EU-kommissionens standardavtalsklausuler.',
      en: "The Commission's standard contractual clauses.",
    };
    expect(
      issuesAfter((c) =>
        Object.assign(c, {
          processor: { name: 'Example Analytics Inc.', country: 'US' },
          transfers: { countries: ['DE'], safeguards },
        }),
      ),
    ).toEqual([
      {
        path: 'controller.transfers.countries[0]',
        message: '"DE" is in the EEA: list only countries outside it',
      },
      {
        path: 'controller.transfers.countries',
        message: 'processor.country is "US", outside the EEA: list it here',
      },
    ]);
    expect(
      issuesAfter((c) =>
        Object.assign(c, {
          processor: { name: 'Example Analytics Inc.', country: 'US' },
          transfers: { countries: ['US'], safeguards },
        }),
      ),
    ).toEqual([]);
    expect(issuesAfter((c) => Object.assign(c, { processor: { name: 'X', country: 'XX' } }))[0]).toEqual({
      path: 'controller.processor.country',
      message: 'not an ISO 3166-1 country code',
    });
  });
});

describe('noticeFacts', () => {
  it('says what is missing when a store has no controller section', () => {
    const store = validStore(GROCERY, (j) => delete j.controller);
    const e = thrown(() => noticeFacts(store));
    expect(e).toMatchObject({ code: 'E_NOTICE_CONFIG' });
    expect(e.message).toContain('store "demo-grocery" has no "controller" section');
    for (const field of [
      'name',
      'orgNumber',
      'address',
      'email',
      'dpo',
      'purposes',
      'legitimateInterest',
      'processor',
      'transfers',
      'noticeUrl',
    ])
      expect(e.message).toContain(field);
    expect(requiredControllerFields()).not.toContain('retentionDays');
    expect(requiredControllerFields()).not.toContain('recipients');
  });

  it("takes the event store's retention and IMY when the section names neither", () => {
    const fashion = noticeFacts(validStore(FASHION));
    expect(fashion.retentionDays).toBe(DEFAULT_RETENTION_DAYS);
    expect(fashion.authority).toEqual({ name: null, url: IMY_URL });
    const grocery = noticeFacts(
      validStore(GROCERY, (j) => Object.assign(controllerOf(j), { retentionDays: 14 })),
    );
    expect(grocery.retentionDays).toBe(14);
  });

  it("takes a scenario's privacy settings, else the privacy core's defaults, and hashes the configuration", () => {
    const store = validStore(GROCERY);
    const defaults = noticeFacts(store);
    expect(defaults.settings).toMatchObject({
      groups: 256,
      consistency: 0.5,
      k: 5,
      rotation: 'none',
      source: 'defaults',
    });
    const custom = noticeFacts(store, {
      groups: 1024,
      consistency: 0.3,
      intervals: ['07:00', '11:30', '15:00'],
      rotation: 'daily',
      k: 10,
    });
    expect(custom.settings).toMatchObject({ groups: 1024, k: 10, rotation: 'daily', source: 'scenario' });
    expect(custom.configHash).toMatch(/^[0-9a-f]{12}$/);
    expect(custom.configHash).not.toBe(defaults.configHash);
    expect(noticeFacts(validStore(GROCERY)).configHash).toBe(defaults.configHash);
  });
});
