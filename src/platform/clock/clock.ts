import { Injectable } from '@nestjs/common';

/**
 * The one source of "now". Time-dependent rules (deadlines, reminders, rule
 * parameters valid on a date) ask it instead of `new Date()`, so tests can
 * move time instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until told to move; used by tests and benchmarks. */
export class ManualClock extends Clock {
  private current: Date;

  constructor(start: Date | string = '2026-01-05T09:00:00Z') {
    super();
    this.current = new Date(start);
  }

  override now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
