import type { StoreLayout } from '../api.ts';
import { heat } from '../scene/colours.ts';
import { formatNumber } from './formatStat.ts';

type P = readonly [number, number];
const path = (poly: readonly P[], top: number) =>
  `${poly.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(2)},${(top - y).toFixed(2)}`).join('')}Z`;

/**
 * A floor plan with each zone coloured by a figure (cool to hot on a scale shared with the map
 * beside it) and labelled with it, the obstacles drawn over the zones.
 */
export function HeatMap({
  store,
  values,
  max,
  title,
  testId,
}: {
  store: StoreLayout;
  values: Record<string, number>;
  max: number;
  title: string;
  testId: string;
}) {
  const xs = store.outline.map((p) => p[0]);
  const ys = store.outline.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const top = y1 + y0; // flips y so that the plan reads as seen from above
  return (
    <figure className="heat-map" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`${x0 - 0.5} ${y0 - 0.5} ${x1 - x0 + 1} ${y1 - y0 + 1}`} role="img" aria-label={title}>
        <path d={path(store.outline, top)} fill="#f4f2ee" stroke="#555" strokeWidth={0.15} />
        {store.zones.map((z) => (
          <path
            key={z.id}
            d={path(z.polygon, top)}
            data-zone={z.id}
            data-value={values[z.id] ?? 0}
            fill={heat((values[z.id] ?? 0) / (max || 1))}
            fillOpacity={0.75}
            stroke="#fff"
            strokeWidth={0.1}
          />
        ))}
        {store.obstacles.map((o) => (
          <path key={o.id} d={path(o.polygon, top)} fill="#5d5d5d" fillOpacity={0.55} />
        ))}
        {store.zones.map((z) => {
          const cx = z.polygon.reduce((s, p) => s + p[0], 0) / z.polygon.length;
          const cy = z.polygon.reduce((s, p) => s + p[1], 0) / z.polygon.length;
          return (
            <text key={z.id} x={cx} y={top - cy} fontSize={1.3} textAnchor="middle" className="heat-label">
              {formatNumber(values[z.id] ?? 0)}
            </text>
          );
        })}
      </svg>
    </figure>
  );
}
