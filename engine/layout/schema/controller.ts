import { z } from 'zod';
import { expected } from './primitives.ts';

// A store's `controller` section: what the controller declares about the processing, from which
// `varv notice` makes the sign at the door, the second-layer notice, the Art. 30 record and the
// DPIA appendix (GDPR Art. 12–13, 30, 35; EDPB Guidelines 3/2019 §7). It is not called `privacy`
// because a scenario's `privacy` block holds the privacy core's settings (groups, consistency…).

/** The languages a notice is made in; every free text of the section is given in each. */
export const noticeLanguages = ['sv', 'en'] as const;
export type NoticeLanguage = (typeof noticeLanguages)[number];

/** What the analysis is for; each has its wording in the notice's translation tables. */
export const purposeCodes = ['interest', 'queues', 'flows', 'loop', 'staffing', 'comparison'] as const;
export type PurposeCode = (typeof purposeCodes)[number];

/** How a visitor can object (Art. 21): tell the staff, e-mail the controller, or the web page. */
export const objectionChannels = ['staff', 'email', 'web'] as const;
export type ObjectionChannel = (typeof objectionChannels)[number];

/** The European Economic Area: the EU's 27 member states, Iceland, Liechtenstein and Norway. */
export const eeaCountries: ReadonlySet<string> = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO'.split(' '),
);

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** An ISO 3166-1 alpha-2 country code, e.g. "SE" or "DE". */
export const countryCode = z
  .string({ error: expected('a country code such as "SE"') })
  .regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 country code such as "SE" or "DE"' })
  .refine((c) => regions.of(c) !== undefined, { error: 'not an ISO 3166-1 country code' });

const text = (max: number) =>
  z
    .string({ error: expected('a text') })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `at most ${max} characters` });

/** A text visitors read, in Swedish and in English. */
export const localizedText = (max: number) =>
  z.strictObject(
    { sv: text(max), en: text(max) },
    { error: expected('the text in Swedish and English: { "sv": "…", "en": "…" }') },
  );
export type LocalizedText = { sv: string; en: string };

const email = z.email({ error: expected('an e-mail address') });
const httpsUrl = z.url({ protocol: /^https$/, error: expected('an https:// address') });

const processorSchema = z.strictObject({
  name: text(120),
  /** Where its service runs (the processing location), e.g. "Frankfurt am Main". */
  city: text(80).optional(),
  country: countryCode,
});

const recipientSchema = z.strictObject({
  name: text(120),
  country: countryCode,
  /** What it receives and why (e.g. a sub-processor hosting the cloud service). */
  role: localizedText(200),
});

const transferSchema = z.strictObject({
  countries: z.array(countryCode).min(1, { error: 'name at least one country' }),
  /** The safeguards (Art. 46: e.g. the Commission's standard contractual clauses) and where to get a copy. */
  safeguards: localizedText(400),
});

export const controllerSchema = z
  .strictObject({
    /** The controller (personuppgiftsansvarig): the company that runs the store. */
    name: text(120),
    orgNumber: text(40),
    /** Postal address, one line per entry. */
    address: z.array(text(80)).min(1, { error: 'give at least one address line' }).max(5),
    email,
    phone: text(40).optional(),
    /** The data protection officer (dataskyddsombud): an office, not a person's name. */
    dpo: z.strictObject({ name: text(120).optional(), email, phone: text(40).optional() }),
    purposes: z
      .array(z.enum(purposeCodes, { error: `expected one of ${purposeCodes.join(', ')}` }))
      .min(1, { error: 'name at least one purpose' })
      .refine((p) => new Set(p).size === p.length, { error: 'a purpose is named twice' }),
    /** The legitimate interest pursued (Art. 6.1 f), as printed on the sign. */
    legitimateInterest: localizedText(220),
    /** The processor (personuppgiftsbiträde) that analyses the group IDs in its cloud. */
    processor: processorSchema,
    /** Other recipients of the sightings (e.g. sub-processors); the processor is always listed. */
    recipients: z.array(recipientSchema).default([]),
    /** Days that raw sightings are kept before they are rolled up per zone and hour (default: the event store's). */
    retentionDays: z
      .int({ error: expected('a whole number of days') })
      .min(1)
      .max(3650)
      .optional(),
    /** Transfers outside the EEA: "none", or the countries and the safeguards. */
    transfers: z.union([z.literal('none'), transferSchema], {
      error: 'expected "none" or { "countries": [...], "safeguards": { "sv", "en" } }',
    }),
    /** The supervisory authority (default: IMY, Integritetsskyddsmyndigheten, for Sweden). */
    authority: z.strictObject({ name: localizedText(120), url: httpsUrl }).optional(),
    /** How to object under Art. 21, in the order the sign lists them. */
    objection: z
      .array(z.enum(objectionChannels, { error: `expected one of ${objectionChannels.join(', ')}` }))
      .min(1)
      .default(['staff', 'email']),
    /** The second-layer notice (the sign's QR code points here). */
    noticeUrl: httpsUrl,
  })
  .superRefine((c, ctx) => {
    const outside = [
      { path: ['processor', 'country'], country: c.processor.country },
      ...c.recipients.map((r, i) => ({ path: ['recipients', i, 'country'], country: r.country })),
    ].filter((x) => !eeaCountries.has(x.country));
    if (c.transfers === 'none') {
      for (const x of outside)
        ctx.addIssue({
          code: 'custom',
          path: ['transfers'],
          message: `${x.path.join('.')} is "${x.country}", outside the EEA: describe the transfer and its safeguards instead of "none"`,
        });
      return;
    }
    c.transfers.countries.forEach((country, i) => {
      if (eeaCountries.has(country))
        ctx.addIssue({
          code: 'custom',
          path: ['transfers', 'countries', i],
          message: `"${country}" is in the EEA: list only countries outside it`,
        });
    });
    for (const x of outside)
      if (!c.transfers.countries.includes(x.country))
        ctx.addIssue({
          code: 'custom',
          path: ['transfers', 'countries'],
          message: `${x.path.join('.')} is "${x.country}", outside the EEA: list it here`,
        });
  });

export type ControllerSection = z.output<typeof controllerSchema>;
export type ControllerInput = z.input<typeof controllerSchema>;
