import { z } from 'zod';
import { patchOpSchema, privacySchema, scenarioSchema } from '../../engine/layout/index.ts';

export const VARIANT_FORMAT = 'varv.variant/1';

const arrivals = scenarioSchema.shape.arrivals.unwrap();
const shoppers = scenarioSchema.shape.shoppers.unwrap();
const staffing = scenarioSchema.shape.staffing.unwrap();

/**
 * Changes to the scenario rather than to its store: the arrival profile, the shoppers, the
 * staffing policy and the privacy settings. `set` objects are merged over the baseline's block
 * field by field (as written: a field left out keeps the baseline's value).
 */
export const scenarioOpSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('setArrivals'), perMinute: arrivals.shape.perMinute }),
  z.strictObject({
    op: z.literal('scaleArrivals'),
    factor: z.number().finite().nonnegative({ error: 'must be 0 or more' }),
  }),
  z.strictObject({ op: z.literal('setShoppers'), set: shoppers.partial() }),
  z.strictObject({ op: z.literal('setStaffing'), set: staffing.partial().nullable() }),
  z.strictObject({ op: z.literal('setPrivacy'), set: privacySchema.partial() }),
]);

export type ScenarioOp = z.output<typeof scenarioOpSchema>;

const layoutOps = patchOpSchema.options.map((o) => o.shape.op.value);
const scenarioOps = scenarioOpSchema.options.map((o) => o.shape.op.value);

/** One change of a variant: a layout change (engine/layout's patch) or a scenario change. */
export const variantOpSchema = z.discriminatedUnion(
  'op',
  [...patchOpSchema.options, ...scenarioOpSchema.options],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? `unknown "op": expected one of ${[...layoutOps, ...scenarioOps].join(', ')}`
        : undefined,
  },
);

export type VariantOp = z.output<typeof variantOpSchema>;

/** True for the operations that change the scenario rather than its store. */
export function isScenarioOp(op: VariantOp): op is ScenarioOp {
  return (scenarioOps as string[]).includes(op.op);
}

/**
 * A what-if variant (`varv.variant/1`): a baseline scenario plus a patch. `baseline` (a path
 * relative to this file) is optional: without it the variant applies to whichever baseline it is
 * run against; with it, running it against another is an error.
 */
export const variantSchema = z.strictObject({
  format: z.literal(VARIANT_FORMAT, { error: `expected "${VARIANT_FORMAT}"` }),
  /** The name in reports (default: the file's name without .json). */
  name: z.string().min(1).max(80).optional(),
  description: z.string().max(2000).optional(),
  baseline: z.string().min(1).optional(),
  patch: z.array(variantOpSchema).min(0),
});

export type VariantFile = z.output<typeof variantSchema>;
