/** A point on the floor plane, in metres: [x, y]. */
export type Point = readonly [number, number];
/** A simple polygon as a ring of points, without the closing repeat of the first point. */
export type Polygon = readonly Point[];
/** A segment between two points. */
export type Segment = readonly [Point, Point];

/** Lengths below this (in metres) are treated as zero when testing touching and collinearity. */
export const EPS = 1e-9;
