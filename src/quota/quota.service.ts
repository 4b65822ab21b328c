import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { type InvalidParam, NotFoundProblem, ProblemException, RuleViolationException } from '../platform/http/problem.js';
import { compareDates, maxDate } from '../rules/calculations/dates.js';
import { type ExplanationLine, formatNumber } from '../rules/calculations/explain.js';
import { type AnyParameterValue, MissingParameterError, type ParameterSource } from '../rules/calculations/parameters.js';
import { type ProgressionEntry, type TargetGroupHours, monthlyProgression, quotaStatus } from '../rules/calculations/quota.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import type { CreateQuotaReportedHoursDto, QuotaReportedHoursDto, QuotaStatusDto } from './dto/quota.dto.js';
import { type EmployerRow, QuotaRepository, type ReportedRow } from './quota.repository.js';

/** An employer as the quota overview needs it: the caller reads it through the employers' own service. */
export interface QuotaOverviewEmployer {
  id: string;
  name: string;
  payrollTaxNumber: string | null;
}

/** One fiscal unit (the employers with one payroll tax number) in the overview: its status, or what is missing for it. */
export interface QuotaOverviewRow {
  employerNames: string[];
  /** The employers of the row, in the order of their names (where their figures are put right). */
  employerIds: string[];
  fiscalNumber: string | null;
  status: QuotaStatusDto | null;
  /** Why no status could be computed: the fields the quota needs that are not recorded (or `year` for a missing rule value). */
  missing: InvalidParam[];
  /** Target-group hours as a fraction of the paid hours (both for the same months); null without paid hours. */
  achievedFraction: number | null;
}

/** Contract types whose worker is lent out: the hours count at the employer that hires the worker in. */
const LENT_OUT_CONTRACT_TYPES = new Set(['agency', 'secondment']);

/**
 * Banenafspraak status per fiscal number (loonheffingennummer) and year,
 * from the organisation's placements of people in the doelgroepregister and
 * the hours the employer reports itself. The answer holds numbers only: it
 * is also shown to employer users, who never see who the people are.
 */
@Injectable()
export class QuotaService {
  constructor(
    private readonly repository: QuotaRepository,
    private readonly parameters: RuleParametersService,
    private readonly clock: Clock,
  ) {}

  async status(actor: Actor, employerId: string, year: number): Promise<QuotaStatusDto> {
    const employers = await this.fiscalUnit(actor.organisationId, employerId);
    const employer = employers.find((row) => row.id === employerId)!;
    const fiscalNumber = employer.payroll_tax_number!;
    const today = this.clock.now().toISOString().slice(0, 10);
    const currentYear = Number(today.slice(0, 4));
    // Year-to-date for the running year: the months up to and including the current one.
    const monthsElapsed = year === currentYear ? Number(today.slice(5, 7)) : undefined;
    const monthsBasis = monthsElapsed ?? 12;

    const entries = await this.placementEntries(
      actor.organisationId,
      employers.map((row) => row.id),
      year,
    );
    const reported = await this.repository.reportedForYear(
      actor.organisationId,
      employers.map((row) => row.id),
      year,
    );
    const parameters = await this.parameters.sourceFor(actor.organisationId);

    return this.withParameters(() => {
      const targetGroup: TargetGroupHours[] = entries.map((entry) => ({
        paidHours: hoursInBasis(year, entry, monthsBasis, parameters),
        countsAt: entry.countsAt,
        origin: 'placement',
      }));
      const reportedHours = { hiring: 0, lending: 0 };
      for (const row of reported) {
        targetGroup.push({ paidHours: Number(row.hours), countsAt: row.counts_at, origin: 'employer' });
        reportedHours[row.counts_at] += Number(row.hours);
      }
      const annualPaidHours = employers.reduce((sum, row) => sum + Number(row.paid_hours_per_year), 0);
      const status = quotaStatus(
        {
          fiscalNumber,
          year,
          sector: employer.sector_type!,
          // The employer records paid hours per year; quotaStatus extrapolates year-to-date figures, so scale them to the same months.
          totalPaidHours: (annualPaidHours * monthsBasis) / 12,
          employeeCount: employers.reduce((sum, row) => sum + Number(row.employee_count), 0),
          targetGroup,
          monthsElapsed,
        },
        parameters,
      );
      const progression = monthlyProgression(
        year,
        entries.filter((entry) => entry.countsAt === 'hiring'),
        parameters,
      );
      const sources = {
        employers: employers.length,
        placementsCounted: entries.filter((entry) => entry.countsAt === 'hiring').length,
        placementsLentOut: entries.filter((entry) => entry.countsAt === 'lending').length,
        reportedHiringHours: round2(reportedHours.hiring),
        reportedLendingHours: round2(reportedHours.lending),
      };
      const { explanation, parametersUsed, ...figures } = status;
      return {
        ...figures,
        months: progression.months,
        sources,
        parametersUsed: mergeParameters(parametersUsed, progression.parametersUsed),
        explanation: [...explanation, ...explainSources(sources, employers.length, year, currentYear)],
      };
    });
  }

  /**
   * The quota status of each fiscal unit among these employers, for the admin's overview: the first `limit` units
   * (in the employers' order), each counted once however many employers share its payroll tax number. A unit whose
   * figures are incomplete says which are missing instead of failing the whole overview.
   */
  async overview(
    actor: Actor,
    employers: readonly QuotaOverviewEmployer[],
    year: number,
    limit = 25,
  ): Promise<{ rows: QuotaOverviewRow[]; units: number }> {
    const units = new Map<string, QuotaOverviewEmployer[]>();
    for (const employer of employers) {
      const key = employer.payrollTaxNumber ? `tax:${employer.payrollTaxNumber}` : `employer:${employer.id}`;
      units.set(key, [...(units.get(key) ?? []), employer]);
    }
    const rows: QuotaOverviewRow[] = [];
    for (const members of [...units.values()].slice(0, limit)) {
      const first = members[0]!;
      const row: QuotaOverviewRow = {
        employerNames: members.map((member) => member.name),
        employerIds: members.map((member) => member.id),
        fiscalNumber: first.payrollTaxNumber,
        status: null,
        missing: [],
        achievedFraction: null,
      };
      try {
        const status = await this.status(actor, first.id, year);
        row.status = status;
        row.achievedFraction = status.totalPaidHours > 0 ? status.targetGroupHours / status.totalPaidHours : null;
      } catch (error) {
        if (!(error instanceof ProblemException) || error.getStatus() !== 422) throw error;
        row.missing = error.invalidParams ?? [];
      }
      rows.push(row);
    }
    return { rows, units: units.size };
  }

  async report(actor: Actor, employerId: string, input: CreateQuotaReportedHoursDto): Promise<QuotaReportedHoursDto> {
    const currentYear = this.clock.now().getUTCFullYear();
    if (input.year > currentYear)
      throw new RuleViolationException('year', `hours can be reported for ${currentYear} or earlier, not for a year still to come`);
    const row = await this.repository.insertReported({
      organisationId: actor.organisationId,
      employerId,
      year: input.year,
      hours: input.hours,
      countsAt: input.countsAt,
      description: input.description.trim(),
      reportedByUserId: actor.userId,
    });
    return toReportedDto(row);
  }

  async reportedHours(actor: Actor, employerId: string, year?: number): Promise<QuotaReportedHoursDto[]> {
    const rows = await this.repository.reported(actor.organisationId, employerId, year ?? null);
    return rows.map(toReportedDto);
  }

  /**
   * The employer and every employer of the organisation with the same payroll tax number, all with the figures
   * the quota needs. What is missing is named all at once, so a form can ask for it in one go.
   */
  private async fiscalUnit(organisationId: string, employerId: string): Promise<EmployerRow[]> {
    const employer = await this.repository.employer(organisationId, employerId);
    if (!employer) throw new NotFoundProblem('employer');
    const missing: InvalidParam[] = [];
    if (!employer.payroll_tax_number) {
      missing.push({
        name: 'payrollTaxNumber',
        reason: 'is not recorded for this employer; the quota is counted per payroll tax number (loonheffingennummer)',
      });
    }
    if (!employer.sector_type)
      missing.push({ name: 'sectorType', reason: 'is not recorded for this employer; the quota percentage depends on the sector' });
    const employers = employer.payroll_tax_number
      ? await this.repository.employersWithTaxNumber(organisationId, employer.payroll_tax_number)
      : [employer];
    const required = [
      ['paidHoursPerYear', 'paid_hours_per_year', 'the total paid hours per year'],
      ['employeeCount', 'employee_count', 'the number of employees'],
    ] as const;
    for (const [field, column, what] of required) {
      const without = employers.filter((row) => row[column] === null).length;
      if (without === 0) continue;
      missing.push({
        name: field,
        reason:
          employers.length === 1 || employer[column] === null
            ? `is not recorded for this employer; the quota needs ${what}`
            : `is not recorded for ${without} of the ${employers.length} employers with payroll tax number ${employer.payroll_tax_number}; the quota needs ${what} of all of them`,
      });
    }
    if (missing.length === 1) throw new RuleViolationException(missing[0]!.name, missing[0]!.reason);
    if (missing.length > 1) throw RuleViolationException.all(missing);
    return employers;
  }

  /**
   * Contracts of people in the doelgroepregister at these employers, from
   * the later of the contract start and the registration date. Seconded and
   * agency contracts are lent out: reported here, counted at the hirer.
   */
  private async placementEntries(organisationId: string, employerIds: string[], year: number): Promise<ProgressionEntry[]> {
    const rows = await this.repository.targetGroupContracts(organisationId, employerIds, year);
    return rows
      .map((row) => ({
        hoursPerWeek: Number(row.hours_per_week),
        start: row.target_group_register_date ? maxDate(row.contract_start, row.target_group_register_date) : row.contract_start,
        end: row.contract_end,
        countsAt: LENT_OUT_CONTRACT_TYPES.has(row.contract_type ?? '') ? ('lending' as const) : ('hiring' as const),
      }))
      .filter((entry) => !entry.end || compareDates(entry.start, entry.end) <= 0);
  }

  private withParameters<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof MissingParameterError) {
        throw new RuleViolationException('year', `${error.message}. An administrator can add it under rule parameters.`);
      }
      throw error;
    }
  }
}

/** Quota hours of one contract in the first `months` months of the year (all twelve for a full year). */
function hoursInBasis(year: number, entry: ProgressionEntry, months: number, parameters: ParameterSource): number {
  const progression = monthlyProgression(year, [{ ...entry, countsAt: 'hiring' }], parameters);
  return progression.months[months - 1]!.cumulativeHours;
}

function mergeParameters(...lists: AnyParameterValue[][]): AnyParameterValue[] {
  const seen = new Map<string, AnyParameterValue>();
  for (const row of lists.flat()) seen.set(`${row.key}/${row.scope ?? ''}@${row.validFrom}`, row);
  return [...seen.values()];
}

function explainSources(sources: QuotaStatusDto['sources'], employers: number, year: number, currentYear: number): ExplanationLine[] {
  const n = (value: number, language: 'nl' | 'en') => formatNumber(value, language);
  const lines: ExplanationLine[] = [];
  if (employers > 1) {
    lines.push({
      nl: `De cijfers tellen ${employers} werkgevers met hetzelfde loonheffingennummer samen.`,
      en: `The figures add up ${employers} employers with the same payroll tax number.`,
    });
  }
  lines.push({
    nl: `Geteld: ${sources.placementsCounted} plaatsing(en) met een contract van mensen uit het doelgroepregister en ${n(sources.reportedHiringHours, 'nl')} door de werkgever gemelde uren.`,
    en: `Counted: ${sources.placementsCounted} placement(s) with a contract of people in the target-group register and ${n(sources.reportedHiringHours, 'en')} hours reported by the employer.`,
  });
  if (sources.placementsLentOut > 0) {
    lines.push({
      nl: `${sources.placementsLentOut} plaatsing(en) via detachering of uitzendwerk tellen bij de inlenende werkgever, niet hier.`,
      en: `${sources.placementsLentOut} seconded or agency placement(s) count at the hiring employer, not here.`,
    });
  }
  if (year > currentYear) {
    lines.push({
      nl: `${year} is nog niet begonnen: dit is een verwachting op basis van de huidige contracten.`,
      en: `${year} has not started yet: this is a forecast from the current contracts.`,
    });
  }
  return lines;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function toReportedDto(row: ReportedRow): QuotaReportedHoursDto {
  return {
    id: row.id,
    employerId: row.employer_id,
    year: row.year,
    hours: Number(row.hours),
    countsAt: row.counts_at,
    description: row.description,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
