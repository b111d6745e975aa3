import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  agendaStatus,
  daysBetween,
  isDate,
  loadDay,
  moveIssue,
  moveMonth,
  moveProject,
  mover,
  recordSpan,
  shiftYears,
  type IssueTimes,
} from '../../server/db/demo-calendar.ts';
import { zoneToday } from '../../server/contract/zone-time.ts';

// The demo's record as the generator writes it: three whole years, 2024's 29 February in it.
const SPAN = recordSpan('2023-12-01', '2026-11-01');
const RECORD_DAYS = daysBetween('2023-12-01', SPAN.lastDay) + 1;

const day = (from: string, span: number) =>
  fc.integer({ min: 0, max: span - 1 }).map((n) => addDays(from, n));
const recordDay = day('2023-12-01', RECORD_DAYS);
/** Load days from before the record's end to decades after, leap days included. */
const loadDays = day('2025-01-01', 365 * 30);
const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);

describe('the demo calendar', () => {
  it('reads the record as 36 whole months ending on 30 November', () => {
    expect(SPAN).toEqual({ lastDay: '2026-11-30', years: 3 });
    expect(() => recordSpan('2023-12-01', '2026-10-01')).toThrow(/whole years/);
  });

  it('moves every day of the record by whole periods into the three years up to D', () => {
    fc.assert(
      fc.property(recordDay, loadDays, (d, today) => {
        const years = shiftYears(d, today, 3);
        const moved = addYears(d, years);
        expect(Math.abs(years % 3)).toBe(0);
        expect(moved <= today).toBe(true);
        expect(moved > addYears(today, -3)).toBe(true);
        // Whole years keep the calendar month (and the day, but for 29 February).
        expect(moved.slice(5, 7)).toBe(d.slice(5, 7));
      }),
    );
  });

  it('puts every day of the window to use when D is the record’s last day', () => {
    const m = mover(SPAN.lastDay, SPAN);
    expect(m.backlogDays).toBe(0);
    fc.assert(
      fc.property(recordDay, (d) => {
        expect(m.move(d)).toBe(d);
      }),
    );
  });

  it('turns 29 February into the 28th of a common year and keeps it in a leap year', () => {
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29T10:05:00', 4)).toBe('2028-02-29T10:05:00');
    expect(mover('2027-03-10', SPAN).move('2024-02-29')).toBe('2027-02-28');
    // On the 28th itself the leap day is still ahead of D: it stays three years back.
    expect(mover('2027-02-28', SPAN).move('2024-02-29')).toBe('2024-02-29');
    expect(isDate('2027-02-29')).toBe(false);
  });

  it('moves an issue’s times together and never resolves it after D or before its report', () => {
    const issue = fc
      .tuple(
        recordDay,
        clock,
        fc.integer({ min: 0, max: 60 * 24 * 90 }),
        fc.constantFrom('xiaoqu', 'shequ', 'pianqu'),
        fc.boolean(),
      )
      .map(([d, t, minutes, handlingLevel, resolved]): IssueTimes => ({
        id: 1,
        status: resolved ? 'resolved' : 'open',
        handlingLevel,
        reportedAt: d + t,
        resolvedAt: resolved
          ? new Date(Date.parse(`${d}${t}Z`) + minutes * 60_000).toISOString().slice(0, 19)
          : null,
      }));
    fc.assert(
      fc.property(issue, loadDays, fc.boolean(), (i, today, settled) => {
        const m = mover(today, SPAN);
        const moved = moveIssue(m, i, settled);
        expect(moved.reportedAt.slice(0, 10) <= today).toBe(true);
        expect(moved.status === 'resolved').toBe(moved.resolvedAt !== null);
        if (moved.resolvedAt !== null) {
          expect(moved.resolvedAt.slice(0, 10) <= today).toBe(true);
          expect(moved.resolvedAt >= moved.reportedAt).toBe(true);
        }
        if (moved.status === 'escalated') expect(moved.handlingLevel).toBe('pianqu');
        // A legacy problem known to be solved stays solved.
        if (settled && i.resolvedAt !== null) expect(moved.status).toBe('resolved');
        if (i.resolvedAt === null) {
          // The backlog keeps its age relative to the record's end.
          expect(daysBetween(moved.reportedAt.slice(0, 10), today)).toBe(
            daysBetween(i.reportedAt.slice(0, 10), SPAN.lastDay),
          );
          expect(moved.reportedAt.slice(10)).toBe(i.reportedAt.slice(10));
        }
      }),
    );
  });

  it('dates nothing after the load instant: no issue is reported or resolved later today', () => {
    const issue = fc
      .tuple(recordDay, clock, fc.integer({ min: 0, max: 60 * 24 * 30 }), fc.boolean())
      .map(([d, t, minutes, resolved]): IssueTimes => ({
        id: 1,
        status: resolved ? 'resolved' : 'open',
        handlingLevel: 'xiaoqu',
        reportedAt: d + t,
        resolvedAt: resolved
          ? new Date(Date.parse(`${d}${t}Z`) + minutes * 60_000).toISOString().slice(0, 19)
          : null,
      }));
    fc.assert(
      fc.property(issue, loadDays, clock, fc.boolean(), (i, today, at, settled) => {
        const now = today + at;
        const moved = moveIssue(mover(today, SPAN, now), i, settled);
        expect(moved.reportedAt <= now).toBe(true);
        if (moved.resolvedAt !== null) expect(moved.resolvedAt <= now).toBe(true);
        // Still within the three years up to now. The record's first instant, kept as backlog,
        // lands on the far end exactly (a fuzz found 2023-12-01T00:00 → now − 3 years): the
        // moved record spans [now − 3 years, now], as the original spans its whole months.
        // Backlog moves by whole days and keeps its time of day (the test above asserts
        // both), so on the far end's own day it may be minutes before now − 3 years: in a
        // year whose three years back hold no 29 February (a fuzz found 2023-12-01T00:00
        // loaded 2027-03-01T00:01 → 2024-03-01T00:00). For it the far end is that day.
        const farEnd = addYears(now, -SPAN.years);
        if (i.resolvedAt === null) {
          expect(moved.reportedAt.slice(0, 10) >= farEnd.slice(0, 10)).toBe(true);
        } else expect(moved.reportedAt >= farEnd).toBe(true);
      }),
    );
  });

  it('keeps an issue resolved after D open, waiting at the 片区 when handled there', () => {
    const m = mover('2026-12-02', SPAN);
    const base = { id: 7, status: 'resolved' as const, reportedAt: '2023-12-01T09:00:00' };
    expect(
      moveIssue(m, { ...base, handlingLevel: 'pianqu', resolvedAt: '2023-12-20T10:00:00' }),
    ).toMatchObject({ status: 'escalated', reportedAt: '2026-12-01T09:00:00', resolvedAt: null });
    expect(
      moveIssue(m, { ...base, handlingLevel: 'xiaoqu', resolvedAt: '2023-12-04T10:00:00' }),
    ).toMatchObject({ status: 'in_progress', resolvedAt: null });
    expect(
      moveIssue(m, { ...base, handlingLevel: 'pianqu', resolvedAt: '2023-12-20T10:00:00' }, true),
    ).toMatchObject({ status: 'resolved', resolvedAt: '2026-12-02T10:00:00' });
  });

  it('keeps a project completed after D in progress, and completions after claims', () => {
    fc.assert(
      fc.property(recordDay, fc.integer({ min: 1, max: 400 }), loadDays, (d, n, today) => {
        const m = mover(today, SPAN);
        const p = moveProject(m, { status: 'completed', claimedOn: d, completedOn: addDays(d, n) });
        expect(p.claimedOn <= today).toBe(true);
        if (p.status === 'completed') {
          expect(p.completedOn! <= today && p.completedOn! >= p.claimedOn).toBe(true);
        } else expect(p.completedOn).toBeNull();
      }),
    );
  });

  it('maps the record’s 36 months onto the 36 months up to D, one to one', () => {
    fc.assert(
      fc.property(loadDays, (today) => {
        const m = mover(today, SPAN);
        const months = Array.from({ length: 36 }, (_, k) => {
          const y = 2023 + Math.floor((11 + k) / 12);
          return moveMonth(m, `${y}-${String(((11 + k) % 12) + 1).padStart(2, '0')}`);
        });
        expect(new Set(months).size).toBe(36);
        expect(months.sort()[35]).toBe(today.slice(0, 7));
      }),
    );
  });

  it('settles old agenda items and keeps the latest meeting’s open, by the item’s code', () => {
    expect(agendaStatus('AG1', 'done', false)).toBe('done');
    expect(['done', 'carried_over']).toContain(agendaStatus('AG2', 'pending', false));
    expect(['pending', 'in_progress']).toContain(agendaStatus('AG3', 'done', true));
    expect(agendaStatus('AG4', 'in_progress', true)).toBe('in_progress');
    expect(agendaStatus('AG5', 'pending', false)).toBe(agendaStatus('AG5', 'pending', false));
  });

  it('reads today on the zone’s clock, or the pinned day', () => {
    // 2026-12-01 18:30 UTC is already 2 December in Shanghai.
    const instant = new Date('2026-12-01T18:30:00Z');
    expect(zoneToday('Asia/Shanghai', instant)).toBe('2026-12-02');
    expect(zoneToday('America/New_York', instant)).toBe('2026-12-01');
    expect(loadDay('Asia/Shanghai', undefined, instant)).toBe('2026-12-02');
    expect(loadDay('Asia/Shanghai', '2027-03-10', instant)).toBe('2027-03-10');
    expect(() => loadDay('Asia/Shanghai', '2027-02-29')).toThrow(/DEMO_TODAY/);
  });
});
