// Code that needs "now" takes a Clock, so tests and `minsheng sweep --now` can fix the time.

import { DomainError } from '../errors.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

// An explicit zone is required: a bare '2026-03-01T09:00' would be read in the host's zone, and a bare
// '2026-03-01' as UTC, neither of which is what an operator in the district means.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function toInstant(value: string | Date): Date {
  const ms = typeof value === 'string' ? (ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN) : value.getTime();
  if (!Number.isFinite(ms)) {
    const message = `must be an ISO 8601 instant with a zone, e.g. 2026-03-01T09:00:00+08:00; got ${String(value)}`;
    throw new DomainError('validation_failed', `now: ${message}`, { issues: [{ field: 'now', message }] });
  }
  return new Date(ms);
}

export class FixedClock implements Clock {
  private current: Date;

  constructor(at: string | Date) {
    this.current = toInstant(at);
  }

  /** A copy, so callers cannot move the clock by mutating the Date they got. */
  now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: string | Date): void {
    this.current = toInstant(at);
  }

  /** Moves forward on the clock; a day is 24 hours (the district has no daylight saving). */
  advance(by: { minutes?: number; hours?: number; days?: number }): void {
    const minutes = (by.minutes ?? 0) + (by.hours ?? 0) * 60 + (by.days ?? 0) * 1440;
    if (!Number.isFinite(minutes)) throw new RangeError('FixedClock.advance needs finite amounts');
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}
