import { describe, expect, it } from 'vitest';
import {
  activityQuery,
  exportFileName,
  filtersProblem,
  noFilters,
  showsWholeLog,
  timeRange,
} from './activity-filters.js';

const localMidnight = (year: number, month: number, day: number) =>
  new Date(year, month - 1, day).toISOString();

describe('the Activity filters', () => {
  it('ask the list for an area as `area.*`, a person as actorId, days as since/until', () => {
    expect(activityQuery(noFilters)).toEqual({});
    expect(
      activityQuery({
        actorId: 'usr_ada',
        area: 'phone_number',
        from: '2026-11-01',
        to: '2026-11-23',
      }),
    ).toEqual({
      actorId: 'usr_ada',
      action: 'phone_number.*',
      since: localMidnight(2026, 11, 1),
      until: localMidnight(2026, 11, 24),
    });
  });

  it('take whole local days: the last day is included, across a month’s end', () => {
    expect(timeRange({ ...noFilters, from: '2026-11-30', to: '2026-11-30' })).toEqual({
      since: localMidnight(2026, 11, 30),
      until: localMidnight(2026, 12, 1),
    });
    expect(timeRange({ ...noFilters, from: 'not a day' })).toEqual({});
  });

  it('refuse a first day after the last', () => {
    expect(filtersProblem({ ...noFilters, from: '2026-11-24', to: '2026-11-23' })).toBe(
      'The first day is after the last day.',
    );
    expect(filtersProblem({ ...noFilters, from: '2026-11-23', to: '2026-11-23' })).toBeUndefined();
  });

  it('tell when the timeline is the whole log', () => {
    expect(showsWholeLog(noFilters)).toBe(true);
    expect(showsWholeLog({ ...noFilters, from: '2026-11-01' })).toBe(true);
    expect(showsWholeLog({ ...noFilters, to: '2026-11-01' })).toBe(false);
    expect(showsWholeLog({ ...noFilters, area: 'user' })).toBe(false);
  });

  it('name a filtered export after its filters', () => {
    expect(exportFileName({ ...noFilters, area: 'user', from: '2026-11-01' }, 'csv')).toBe(
      'audit-events-user-from-2026-11-01.csv',
    );
    expect(exportFileName({ ...noFilters, actorId: 'usr_ada', to: '2026-11-30' }, 'ndjson')).toBe(
      'audit-events-usr_ada-to-2026-11-30.ndjson',
    );
    expect(exportFileName(noFilters, 'csv')).toBeUndefined();
  });
});
