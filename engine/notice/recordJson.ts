import { eeaCountries } from '../layout/index.ts';
import type { NoticeFacts } from './noticeFacts.ts';
import { en } from './strings/en.ts';
import { sv } from './strings/sv.ts';

export const RECORD_FORMAT = 'varv.record/1';

/**
 * The record of processing as data (language-neutral: codes, settings and the texts in both
 * languages), keyed by the letters of Art. 30(1), for a register that is kept as data.
 */
export function recordJson(facts: NoticeFacts, date: string) {
  const c = facts.controller;
  return {
    format: RECORD_FORMAT,
    issued: date,
    configHash: facts.configHash,
    store: facts.store,
    processing: 'face analysis into deliberately colliding group IDs and anonymous categories',
    a: {
      controller: {
        name: c.name,
        orgNumber: c.orgNumber,
        address: c.address,
        email: c.email,
        phone: c.phone ?? null,
      },
      dpo: { name: c.dpo.name ?? null, email: c.dpo.email, phone: c.dpo.phone ?? null },
    },
    b: {
      purposes: c.purposes,
      legalBasis: 'GDPR Art. 6(1)(f)',
      legitimateInterest: c.legitimateInterest,
    },
    c: {
      dataSubjects: ['visitors', 'staff in view of the cameras'],
      personalData: [
        { category: 'face image', kept: 'milliseconds (in memory only)' },
        { category: 'face embedding', kept: 'milliseconds (in memory only)' },
        { category: 'sighting: group ID, interval, time, camera, zone', kept: `${facts.retentionDays} days` },
        { category: 'categories: gender, age band', kept: `${facts.retentionDays} days` },
      ],
    },
    d: {
      recipients: [
        {
          name: c.processor.name,
          role: 'processor',
          city: c.processor.city ?? null,
          country: c.processor.country,
        },
        ...c.recipients.map((r) => ({ name: r.name, role: r.role, city: null, country: r.country })),
      ].map((r) => ({ ...r, inEea: eeaCountries.has(r.country) })),
    },
    e: { transfers: c.transfers },
    f: {
      retention: {
        imagesAndEmbeddings: 'milliseconds',
        sightingsDays: facts.retentionDays,
        afterwards: 'counts per zone and hour',
      },
    },
    g: {
      privacySettings: facts.settings,
      measures: [
        'pixel and embedding buffers zeroed after use; lifetime measured per frame',
        'no image or embedding written to disk, log or network; events cannot carry them',
        'deliberately colliding group IDs, a new group per day interval',
        'a secret key per store',
        'k-threshold on every released aggregate',
        'raw sightings rolled up per zone and hour after the retention period',
        'acknowledged delivery from an outbox',
        'linkage-attack risk report (varv privacy report)',
      ],
    },
    authority: facts.authority.name ?? { sv: sv.imy, en: en.imy },
    authorityUrl: facts.authority.url,
    noticeUrl: c.noticeUrl,
  };
}
