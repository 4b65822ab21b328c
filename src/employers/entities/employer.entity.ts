import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '../../platform/database/base.entity.js';

export const TARGET_GROUP_EXPERIENCE = ['none', 'some', 'extensive'] as const;
export type TargetGroupExperience = (typeof TARGET_GROUP_EXPERIENCE)[number];

export interface EmployerAddress {
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
}

export interface EmployerContactPerson {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

/** An organisation's client: a company or public body that hires participants. */
@Entity('employer')
@Index('ix_employer_organisation', ['organisationId'])
@Index('ix_employer_payroll_tax_number', ['organisationId', 'payrollTaxNumber'])
export class Employer extends BaseEntity {
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  /** The organisation's one named contact person for this employer (a coach's membership). */
  @Column({ type: 'uuid', nullable: true })
  contactCoachMembershipId: string | null;

  @Column({ type: 'char', length: 8, nullable: true })
  kvkNumber: string | null;

  /** Loonheffingennummer: the quota is counted per fiscal number. */
  @Column({ type: 'text', nullable: true })
  payrollTaxNumber: string | null;

  @Column({ type: 'text', nullable: true })
  sectorType: 'public' | 'private' | null;

  @Column({ type: 'integer', nullable: true })
  employeeCount: number | null;

  @Column({ type: 'integer', nullable: true })
  paidHoursPerYear: number | null;

  @Column({ type: 'text', default: 'none' })
  targetGroupExperience: TargetGroupExperience;

  @Column({ type: 'text', nullable: true })
  inclusiveHiringMotivation: string | null;

  @Column({ type: 'jsonb', default: [] })
  addresses: EmployerAddress[];

  @Column({ type: 'jsonb', default: [] })
  contactPersons: EmployerContactPerson[];

  @VersionColumn()
  version: number;
}
