import { describe, expect, it } from 'vitest';
import {
  analyticsSettings,
  eventTable,
  sightingTracks,
  trackDuration,
} from '../../engine/analytics/index.ts';
import { sighting, T0, testStore } from './fixtures.ts';

const store = testStore();
const settings = analyticsSettings();

describe('tracks: the sighting policy’s runs of one face in one view', () => {
  it('chains sightings exactly one period apart on one camera, whatever their groups', () => {
    const table = eventTable(
      [sighting('cam-a', T0, 1), sighting('cam-a', T0 + 10_000, 7), sighting('cam-a', T0 + 20_000, 1)],
      store,
      settings,
    );
    const tracks = sightingTracks(table);
    expect(tracks.length).toBe(1);
    expect(tracks.size[0]).toBe(3);
    expect(trackDuration(tracks, 0, 10_000)).toBe(25_000);
  });

  it('keeps two interleaved faces apart, and another camera apart', () => {
    const table = eventTable(
      [
        sighting('cam-a', T0, 1),
        sighting('cam-a', T0 + 3_000, 2),
        sighting('cam-b', T0 + 10_000, 1),
        sighting('cam-a', T0 + 10_000, 1),
        sighting('cam-a', T0 + 13_000, 2),
      ],
      store,
      settings,
    );
    const tracks = sightingTracks(table);
    expect(tracks.length).toBe(3);
    expect(Array.from(tracks.size).sort()).toEqual([1, 2, 2]);
  });

  it('prefers the same group when two faces are due at the same moment', () => {
    const table = eventTable(
      [
        sighting('cam-a', T0, 5),
        sighting('cam-a', T0 + 100, 9),
        sighting('cam-a', T0 + 10_000, 9),
        sighting('cam-a', T0 + 10_100, 5),
      ],
      store,
      settings,
    );
    const tracks = sightingTracks(table);
    const s = table.sightings;
    for (let k = 0; k < tracks.length; k++)
      expect(s.group[tracks.first[k] as number]).toBe(s.group[tracks.last[k] as number]);
  });

  it('ends a track at a gap longer than the period', () => {
    const table = eventTable([sighting('cam-a', T0, 1), sighting('cam-a', T0 + 14_000, 1)], store, settings);
    expect(sightingTracks(table).length).toBe(2);
  });
});
