import { formatNumber } from './formatStat.ts';
import type { WhatIfResult } from './whatIfApi.ts';

/**
 * Staffing per day interval for the variant (the analytics' plan on its simulated events): tills
 * needed by Erlang C beside the baseline's, and the staff posts by demand with the share of seeds
 * in which each is manned.
 */
export function StaffingTable({ staffing }: { staffing: WhatIfResult['staffing'] }) {
  if (!staffing.length) return <p className="muted">No staffing plan (no interval with door counts).</p>;
  return (
    <table className="kpi-table" data-testid="staffing">
      <thead>
        <tr>
          <th>interval</th>
          <th>staffed tills needed (baseline → variant)</th>
          <th>staff posts, busiest first (demand in people; manned in share of seeds)</th>
        </tr>
      </thead>
      <tbody>
        {staffing.map((s) => (
          <tr key={s.interval} data-interval={s.interval}>
            <td>{s.interval}</td>
            <td>
              {formatNumber(s.baselineTills)} → <b>{formatNumber(s.variantTills)}</b>
            </td>
            <td>
              {s.posts.map((p) => (
                <span key={p.post} className={p.staffed >= 0.5 ? 'post manned' : 'post'}>
                  {p.post} {formatNumber(p.demand)} ({Math.round(p.staffed * 100)}%){' '}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
