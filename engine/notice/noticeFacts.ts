import { createHash } from 'node:crypto';
import { DEFAULT_ANALYTICS } from '../analytics/index.ts';
import { VarvError } from '../errors.ts';
import {
  type CameraClass,
  type ControllerSection,
  controllerSchema,
  eeaCountries,
  type LocalizedText,
  type PrivacySettings,
  type StoreLayout,
} from '../layout/index.ts';
import { DEFAULT_K, type Rotation } from '../privacy/index.ts';
import { DEFAULT_RETENTION_DAYS } from '../store/index.ts';

/** The privacy core's settings that the notice explains, and where they came from. */
export type NoticeSettings = {
  groups: number;
  consistency: number;
  k: number;
  intervals: readonly [string, string, string];
  rotation: Rotation;
  source: 'scenario' | 'defaults';
};

/** Everything the notices say, resolved from one store's configuration; no language yet. */
export type NoticeFacts = {
  store: { id: string; name: string };
  controller: ControllerSection;
  /** Days raw sightings are kept (the section's `retentionDays`, else the event store's default). */
  retentionDays: number;
  authority: { name: LocalizedText | null; url: string };
  /** The processor's and each recipient's country is in the EEA. */
  processorInEea: boolean;
  settings: NoticeSettings;
  cameras: { count: number; classes: CameraClass[] };
  /** First 12 hex digits of the SHA-256 of the canonical JSON of everything above. */
  configHash: string;
};

/** The Swedish supervisory authority, the default when the section names none. */
export const IMY_URL = 'https://www.imy.se';

/**
 * The facts of a store's notice from its layout (with its `controller` section) and the privacy
 * settings of a scenario (else the privacy core's defaults). Throws E_NOTICE_CONFIG naming what is
 * missing when the store has no `controller` section.
 */
export function noticeFacts(store: StoreLayout, privacy?: PrivacySettings): NoticeFacts {
  const controller = store.controller;
  if (!controller) throw missingController(store.id);
  const settings: NoticeSettings = privacy
    ? {
        groups: privacy.groups,
        consistency: privacy.consistency,
        k: privacy.k,
        intervals: privacy.intervals,
        rotation: privacy.rotation,
        source: 'scenario',
      }
    : {
        groups: DEFAULT_ANALYTICS.groups,
        consistency: DEFAULT_ANALYTICS.consistency,
        k: DEFAULT_K,
        intervals: DEFAULT_ANALYTICS.intervals,
        rotation: 'none',
        source: 'defaults',
      };
  const classes = [...new Set(store.cameras.map((c) => c.class))];
  const facts: Omit<NoticeFacts, 'configHash'> = {
    store: { id: store.id, name: store.name },
    controller,
    retentionDays: controller.retentionDays ?? DEFAULT_RETENTION_DAYS,
    authority: controller.authority ?? { name: null, url: IMY_URL },
    processorInEea: eeaCountries.has(controller.processor.country),
    settings,
    cameras: { count: store.cameras.length, classes },
  };
  return { ...facts, configHash: hashOf(facts) };
}

/** The fields a `controller` section must have (those without a default). */
export function requiredControllerFields(): string[] {
  return Object.entries(controllerSchema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}

function missingController(store: string): VarvError {
  return new VarvError(
    'E_NOTICE_CONFIG',
    `store "${store}" has no "controller" section, so there is nothing to tell visitors: add one with ${requiredControllerFields().join(', ')} (see README, "The notices at the door")`,
  );
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 12);
}

/** JSON with object keys sorted at every level, so that equal values hash equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
