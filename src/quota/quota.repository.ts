import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TableRepository } from '../platform/database/transactions.js';

export interface EmployerRow {
  id: string;
  payroll_tax_number: string | null;
  sector_type: 'public' | 'private' | null;
  employee_count: number | null;
  paid_hours_per_year: number | null;
}

export interface PlacementRow {
  contract_start: string;
  contract_end: string | null;
  hours_per_week: string;
  contract_type: string | null;
  target_group_register_date: string | null;
}

export interface ReportedRow {
  id: string;
  employer_id: string;
  year: number;
  hours: string;
  counts_at: 'hiring' | 'lending';
  description: string;
  created_at: Date;
}

export interface NewReportedHours {
  organisationId: string;
  employerId: string;
  year: number;
  hours: number;
  countsAt: 'hiring' | 'lending';
  description: string;
  reportedByUserId: string;
}

const EMPLOYER_COLUMNS = 'id, payroll_tax_number, sector_type, employee_count, paid_hours_per_year';

/**
 * Every statement on quota_reported_hours. Reads (never writes) employer for the fiscal unit,
 * and placement, participant and participant_profile for the target-group contracts.
 */
@Injectable()
export class QuotaRepository extends TableRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async employer(organisationId: string, employerId: string): Promise<EmployerRow | undefined> {
    const [employer] = await this.query<EmployerRow>(`SELECT ${EMPLOYER_COLUMNS} FROM employer WHERE id = $1 AND organisation_id = $2`, [
      employerId,
      organisationId,
    ]);
    return employer;
  }

  async employersWithTaxNumber(organisationId: string, payrollTaxNumber: string): Promise<EmployerRow[]> {
    return this.query<EmployerRow>(
      `SELECT ${EMPLOYER_COLUMNS} FROM employer WHERE organisation_id = $1 AND payroll_tax_number = $2 ORDER BY created_at, id`,
      [organisationId, payrollTaxNumber],
    );
  }

  async targetGroupContracts(organisationId: string, employerIds: string[], year: number): Promise<PlacementRow[]> {
    return this.query<PlacementRow>(
      `SELECT pl.contract_start::text AS contract_start, pl.contract_end::text AS contract_end, pl.hours_per_week, pl.contract_type,
              pp.target_group_register_date::text AS target_group_register_date
         FROM placement pl
         JOIN participant p ON p.id = pl.participant_id AND p.erased_at IS NULL
         JOIN participant_profile pp ON pp.participant_id = pl.participant_id
        WHERE pl.organisation_id = $1 AND pl.employer_id = ANY($2::uuid[]) AND pl.type = 'paid_job'
          AND pl.contract_start IS NOT NULL AND pl.hours_per_week IS NOT NULL
          AND pp.target_group_register_status = 'registered'
          AND pl.contract_start <= make_date($3, 12, 31) AND (pl.contract_end IS NULL OR pl.contract_end >= make_date($3, 1, 1))
        ORDER BY pl.contract_start, pl.id`,
      [organisationId, employerIds, year],
    );
  }

  async reportedForYear(organisationId: string, employerIds: string[], year: number): Promise<Pick<ReportedRow, 'counts_at' | 'hours'>[]> {
    return this.query(
      'SELECT counts_at, hours FROM quota_reported_hours WHERE organisation_id = $1 AND employer_id = ANY($2::uuid[]) AND year = $3',
      [organisationId, employerIds, year],
    );
  }

  async insertReported(input: NewReportedHours): Promise<ReportedRow> {
    const [row] = await this.query<ReportedRow>(
      `INSERT INTO quota_reported_hours (organisation_id, employer_id, year, hours, counts_at, description, reported_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, employer_id, year, hours, counts_at, description, created_at`,
      [input.organisationId, input.employerId, input.year, input.hours, input.countsAt, input.description, input.reportedByUserId],
    );
    return row!;
  }

  async reported(organisationId: string, employerId: string, year: number | null): Promise<ReportedRow[]> {
    return this.query<ReportedRow>(
      `SELECT id, employer_id, year, hours, counts_at, description, created_at FROM quota_reported_hours
        WHERE organisation_id = $1 AND employer_id = $2 AND ($3::int IS NULL OR year = $3)
        ORDER BY year DESC, created_at, id`,
      [organisationId, employerId, year],
    );
  }
}
