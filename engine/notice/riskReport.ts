import { z } from 'zod';
import { VarvError } from '../errors.ts';
import { formatPath } from '../layout/index.ts';

/**
 * The measured risk figures the DPIA appendix shows (`--risk <report.json>`, as written by
 * `varv privacy report`). Only `figures[].name` and `figures[].value` are required; other fields
 * of the report are ignored.
 *
 * ```json
 * { "configHash": "…", "scenario": "…", "seeds": [1, 2, 3],
 *   "figures": [ { "name": "linkability risk", "value": 0.04, "low": 0.02, "high": 0.07,
 *                  "threshold": 0.05, "rating": "green", "unit": "", "note": "…" } ] }
 * ```
 */
export const riskReportSchema = z.looseObject({
  configHash: z.string().optional(),
  scenario: z.string().optional(),
  seeds: z.array(z.number()).optional(),
  figures: z.array(
    z.looseObject({
      name: z.string().min(1),
      value: z.number().finite(),
      /** The 95% interval. */
      low: z.number().finite().optional(),
      high: z.number().finite().optional(),
      threshold: z.number().finite().optional(),
      rating: z.enum(['green', 'amber', 'red']).optional(),
      unit: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
});

export type RiskReport = z.output<typeof riskReportSchema>;
export type RiskFigure = RiskReport['figures'][number];

/** Checks a parsed risk report; E_RISK names the file and every JSON path that is wrong. */
export function parseRiskReport(json: unknown, source: string): RiskReport {
  const r = riskReportSchema.safeParse(json);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`);
  throw new VarvError(
    'E_RISK',
    `${source} is not a risk report ({ "figures": [{ "name", "value", "low"?, "high"?, "threshold"?, "rating"? }] }):\n${issues.join('\n')}`,
  );
}
