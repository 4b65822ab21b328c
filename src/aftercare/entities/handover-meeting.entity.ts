import { Column, Entity, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';
import type { HandoverChecklist } from '../handover-checklist.js';

export type HandoverStatus = 'scheduled' | 'held' | 'completed' | 'cancelled';

export interface HandoverAttendance {
  participant?: boolean;
  coach?: boolean;
  employerContact?: boolean;
}

/** The formal handover (warme overdracht): participant, coach and the employer's contact person together. */
@Entity('handover_meeting')
export class HandoverMeeting extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @Column({ type: 'text' })
  status: HandoverStatus;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ type: 'text', nullable: true })
  videoLink: string | null;

  /** The calendar event's UID: the same for every update and the cancellation. */
  @Column({ type: 'text' })
  calendarUid: string;

  /** Raised with every change, so calendars replace the event instead of adding one. */
  @Column({ type: 'integer' })
  calendarSequence: number;

  @Column({ type: 'integer' })
  reminderMinutesBefore: number;

  /** False when the participant has not agreed that the employer may know a support organisation is involved. */
  @Column({ type: 'boolean' })
  employerContacted: boolean;

  @Column({ type: 'jsonb', default: {} })
  checklist: Partial<HandoverChecklist>;

  @Column({ type: 'jsonb', default: {} })
  attendance: HandoverAttendance;

  @Column({ type: 'timestamptz', nullable: true })
  participantConfirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  employerConfirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'uuid' })
  createdByUserId: string;

  @VersionColumn()
  version: number;
}
