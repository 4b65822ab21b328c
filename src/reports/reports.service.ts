import { Injectable } from '@nestjs/common';
import { CheckinFiguresService } from '../aftercare/checkin-figures.service.js';
import { DROPOUT_REASONS, SIGNALS } from '../aftercare/dto/checkin.dto.js';
import { RiskFiguresService } from '../aftercare/risk-figures.service.js';
import { EmployersService } from '../employers/employers.service.js';
import { HelpRequestFiguresService } from '../help-requests/help-request-figures.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import { MatchFiguresService } from '../matching/match-figures.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { type CohortFilter, ParticipantFiguresService } from '../participants/participant-figures.service.js';
import { type PlacementFigureRow, PlacementFiguresService } from '../placements/placement-figures.service.js';
import type { Actor } from '../platform/auth/actor.js';
import type { Locale } from '../platform/mail/mail-template.service.js';
import { Clock } from '../platform/clock/clock.js';
import { ForbiddenProblem } from '../platform/auth/auth.guard.js';
import { NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { ProfileFiguresService } from '../profiles/profile-figures.service.js';
import { RuleParametersService } from '../rule-parameters/rule-parameters.service.js';
import { compareDates } from '../rules/calculations/dates.js';
import { RISK_RULES } from '../rules/calculations/early-warning.js';
import { localDate } from '../rules/calculations/working-days.js';
import type {
  AftercareReportDto,
  CheckinMonthDto,
  OutcomeReportDto,
  ReasonCountDto,
  ReportQueryDto,
  ReportScopeDto,
} from './dto/report.dto.js';
import { Figures } from './figure-display.js';
import { outcomeFigures, type ParticipantStages } from './outcome-figures.js';
import { exportTables, toCsv, toXlsx } from './report-export.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every drop-out reason a placement can end with (the closure's codes), and a drop-out without one; in this order. */
export const REPORT_DROPOUT_REASONS: readonly string[] = [...DROPOUT_REASONS, 'not_recorded'];
/** Every reason a risk flag can have: the check-in signals (aftercare flags on a severe or a returning one); in this order. */
export const REPORT_RISK_REASONS: readonly string[] = SIGNALS;
/** Every early-warning rule (risks in placement_risk), in this order. */
export const REPORT_RISK_RULES: readonly string[] = RISK_RULES;

/**
 * For funders the health-related categories are one row, "Gezondheid en welzijn": a funder sees no
 * breakdown of people's health (sickness, doubt about reporting sick, relapse). Staff keep the detail.
 */
export const HEALTH_AND_WELLBEING = 'health_wellbeing';
export const HEALTH_SIGNALS: readonly string[] = ['sickness', 'unsure_about_reporting_sick', 'relapse'];
export const HEALTH_DROPOUT_REASONS: readonly string[] = ['health'];

/** A list of codes with the health-related ones replaced by one HEALTH_AND_WELLBEING, where the first of them stood. */
function mergeHealth(codes: readonly string[], health: readonly string[]): string[] {
  const merged: string[] = [];
  for (const code of codes) {
    const next = health.includes(code) ? HEALTH_AND_WELLBEING : code;
    if (!merged.includes(next)) merged.push(next);
  }
  return merged;
}

/** The drop-out reasons and risk reasons a funder always gets, in this order (health merged). */
export const FUNDER_DROPOUT_REASONS: readonly string[] = mergeHealth(REPORT_DROPOUT_REASONS, HEALTH_DROPOUT_REASONS);
export const FUNDER_RISK_REASONS: readonly string[] = mergeHealth(REPORT_RISK_REASONS, HEALTH_SIGNALS);

export interface ReportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

interface ResolvedScope extends ReportScopeDto {
  organisationId: string;
  /** The coaches whose participants count; null for the whole organisation. */
  coachMembershipIds: string[] | null;
  /** For funders: coach rows are summed, no coach is named. */
  forFunder: boolean;
}

/**
 * The outcome reports: the trajectory funnel with conversion and median days,
 * the retention curve, drop-out reasons and aftercare delivery, per
 * organisation, team, coach or funder. Owns no table: each owner computes its
 * part (ids, dates, codes; never a name) and this service composes them.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly participants: ParticipantFiguresService,
    private readonly profiles: ProfileFiguresService,
    private readonly matches: MatchFiguresService,
    private readonly placements: PlacementFiguresService,
    private readonly checkins: CheckinFiguresService,
    private readonly risks: RiskFiguresService,
    private readonly helpRequests: HelpRequestFiguresService,
    private readonly employers: EmployersService,
    private readonly memberships: MembershipsService,
    private readonly organisations: OrganisationsService,
    private readonly parameters: RuleParametersService,
    private readonly clock: Clock,
  ) {}

  async outcomes(actor: Actor, query: ReportQueryDto): Promise<OutcomeReportDto> {
    const scope = await this.scope(actor, query);
    const filter = cohortFilter(scope);
    const [cohort, profiles, matches, placements] = await Promise.all([
      this.participants.cohort(scope.organisationId, scope.from, scope.to, filter),
      this.profiles.completedOn(scope.organisationId),
      this.matches.stageDates(scope.organisationId),
      this.placementsInSector(scope),
    ]);
    const byParticipant = groupBy(placements, (placement) => placement.participantId);
    const people: ParticipantStages[] = [];
    for (const participant of cohort) {
      const own = byParticipant.get(participant.id) ?? [];
      // With a sector chosen, the cohort is the people placed at an employer of that sector.
      if (scope.sector && !own.length) continue;
      const match = matches.get(participant.id);
      people.push({
        registeredOn: participant.registeredOn,
        profileCompleteOn: profiles.get(participant.id) ?? null,
        matchedOn: match?.matchedOn ?? null,
        introducedOn: match?.introducedOn ?? null,
        placements: own,
      });
    }
    const figures = outcomeFigures(people, scope.countedOn);
    const show = new Figures(scope.smallCellThreshold);
    const percent = (value: number) => `${Math.round(value * 100)}%`;
    return {
      scope: publicScope(scope),
      funnel: figures.funnel.map((stage) => ({
        stage: stage.stage,
        count: show.count(stage.count),
        base: stage.base === null ? null : show.count(stage.base),
        conversion: stage.base === null ? null : show.rate(stage.converted ?? 0, stage.base),
      })),
      steps: figures.steps.map((step) => ({
        from: step.from,
        to: step.to,
        people: show.count(step.pairs),
        leftOut: show.count(step.leftOut),
        medianDays: show.over(step.pairs, step.medianDays),
      })),
      dropoutReasons: reasonRows(
        scope.forFunder
          ? mergedCounts(
              figures.dropoutReasons.map((reason) => [reason.reason, reason.count]),
              HEALTH_DROPOUT_REASONS,
            )
          : figures.dropoutReasons.map((reason) => [reason.reason, reason.count]),
        scope.forFunder ? FUNDER_DROPOUT_REASONS : null,
        show,
      ),
      retention: figures.retention.map((point) => ({
        month: point.month,
        share: show.over(point.atRisk, Math.round(point.share * 1000) / 1000, percent),
        atRisk: show.count(point.atRisk),
        ended: scope.forFunder ? null : show.count(point.ended),
        censored: scope.forFunder ? null : show.count(point.censored),
      })),
    };
  }

  async aftercare(actor: Actor, query: ReportQueryDto): Promise<AftercareReportDto> {
    const scope = await this.scope(actor, query);
    const now = this.clock.now();
    const whole = !scope.coachMembershipIds && !scope.funderId && !scope.targetGroup && !scope.sector;
    const placements = await this.placementsInSector(scope);
    let participantIds: string[] | null = null;
    let inScope = placements;
    if (!whole) {
      participantIds = await this.participants.idsInScope(scope.organisationId, cohortFilter(scope));
      const ids = new Set(participantIds);
      inScope = placements.filter((placement) => ids.has(placement.participantId));
      if (scope.sector) participantIds = [...new Set(inScope.map((placement) => placement.participantId))];
    }
    const [checkinRows, helpRows, riskRows] = await Promise.all([
      this.checkins.byCoachAndMonth(
        scope.organisationId,
        scope.from,
        scope.to,
        scope.countedOn,
        whole ? null : inScope.map((placement) => placement.id),
      ),
      this.helpRequests.byMonth(scope.organisationId, scope.from, scope.to, now, participantIds),
      this.risks.raised(scope.organisationId, scope.from, scope.to, whole ? null : inScope.map((placement) => placement.id)),
    ]);
    const show = new Figures(scope.smallCellThreshold);
    let checkins: CheckinMonthDto[];
    if (scope.forFunder) {
      const months = new Map<string, { planned: number; held: number; missed: number; overdue: number }>();
      for (const row of checkinRows) {
        const sum = months.get(row.month) ?? { planned: 0, held: 0, missed: 0, overdue: 0 };
        sum.planned += row.planned;
        sum.held += row.held;
        sum.missed += row.missed;
        sum.overdue += row.overdue;
        months.set(row.month, sum);
      }
      checkins = [...months.entries()].map(([month, sum]) => ({
        month,
        coachMembershipId: null,
        coachName: null,
        planned: show.count(sum.planned),
        held: show.count(sum.held),
        missed: show.count(sum.missed),
        overdue: show.count(sum.overdue),
      }));
    } else {
      const names = await this.memberships.recipients(checkinRows.map((row) => row.coachMembershipId).filter((id): id is string => !!id));
      checkins = checkinRows
        .map((row) => ({
          month: row.month,
          coachMembershipId: row.coachMembershipId,
          coachName: row.coachMembershipId ? (names.get(row.coachMembershipId)?.displayName ?? null) : null,
          planned: show.count(row.planned),
          held: show.count(row.held),
          missed: show.count(row.missed),
          overdue: show.count(row.overdue),
        }))
        .sort((a, b) => a.month.localeCompare(b.month) || (a.coachName ?? '').localeCompare(b.coachName ?? ''));
    }
    const flagged = inScope.filter(
      (placement) =>
        placement.riskFlaggedOn &&
        compareDates(placement.riskFlaggedOn, scope.from) >= 0 &&
        compareDates(placement.riskFlaggedOn, scope.to) <= 0,
    );
    const byReason = reasonRows(
      riskReasonCounts(
        flagged.map((placement) => placement.riskFlagReasons),
        scope.forFunder,
      ),
      scope.forFunder ? FUNDER_RISK_REASONS : null,
      show,
    );
    // The early warning's risks (placement_risk) raised in the period: placements per rule, each placement once per rule.
    const placementsInScope = new Set(inScope.map((placement) => placement.id));
    const warned = riskRows.filter((row) => placementsInScope.has(row.placementId));
    const rules = new Map<string, Set<string>>();
    for (const row of warned) rules.set(row.rule, (rules.get(row.rule) ?? new Set()).add(row.placementId));
    const byRule = reasonRows(
      [...rules.entries()].map(([rule, ids]) => [rule, ids.size] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      scope.forFunder ? REPORT_RISK_RULES : null,
      show,
    );
    // Placements with a risk: a check-in risk flag or an early-warning risk (or both), each placement once.
    const withRisk = new Set([...flagged.map((placement) => placement.id), ...warned.map((row) => row.placementId)]);
    return {
      scope: publicScope(scope),
      checkins,
      helpRequests: helpRows.map((row) => ({
        month: row.month,
        requests: show.count(row.requests),
        inTime: show.count(row.inTime),
        late: show.count(row.late),
        openPastDeadline: show.count(row.openPastDeadline),
        escalated: show.count(row.escalated),
        medianHoursToContact: show.over(row.inTime + row.late, row.medianHoursToContact),
      })),
      riskFlags: { raised: show.count(withRisk.size), byReason, byRule },
    };
  }

  /** Both reports in one file: CSV (a section per table) or XLSX (a sheet per table), suppressed cells as on the page. */
  async export(actor: Actor, query: ReportQueryDto, format: 'csv' | 'xlsx', locale: Locale = 'nl'): Promise<ReportFile> {
    const [outcomes, aftercare] = await Promise.all([this.outcomes(actor, query), this.aftercare(actor, query)]);
    const { funderId, teamId, coachMembershipId } = outcomes.scope;
    // Every filter in use heads the file by name: funder, team and coach (staff names, never a participant's).
    const [funder, team, coach] = await Promise.all([
      funderId ? this.organisations.funder(actor.organisationId, funderId).then((found) => found?.name ?? null) : null,
      teamId
        ? this.organisations.teams(actor.organisationId).then((teams) => teams.find((item) => item.id === teamId)?.name ?? null)
        : null,
      coachMembershipId
        ? this.memberships.recipients([coachMembershipId]).then((found) => found.get(coachMembershipId)?.displayName ?? null)
        : null,
    ]);
    const tables = exportTables(outcomes, aftercare, locale, { funder, team, coach });
    const name = exportFileName(outcomes.scope, { funder, team, coach });
    if (format === 'csv')
      return { body: Buffer.from(toCsv(tables), 'utf8'), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` };
    return { body: await toXlsx(tables), contentType: XLSX_TYPE, filename: `${name}.xlsx` };
  }

  /** The coaches a team lead or admin may choose between in the report's filter (names of staff, never of participants). */
  async coachChoices(actor: Actor): Promise<Array<{ id: string; name: string; teamId: string | null }>> {
    if (actor.role !== 'admin' && actor.role !== 'team_lead') return [];
    return (await this.memberships.listVisible(actor))
      .filter((member) => member.role === 'jobcoach' || member.role === 'team_lead')
      .map((member) => ({ id: member.id, name: member.displayName, teamId: member.teamId }));
  }

  private async placementsInSector(scope: ResolvedScope): Promise<PlacementFigureRow[]> {
    const placements = await this.placements.placements(scope.organisationId);
    if (!scope.sector) return placements;
    const sectors = await this.employers.sectorTypes(scope.organisationId);
    return placements.filter((placement) => sectors.get(placement.employerId) === scope.sector);
  }

  /** Who may see what: funders their own funder's trajectories, team leads their team, admins the organisation. */
  private async scope(actor: Actor, query: ReportQueryDto): Promise<ResolvedScope> {
    const countedOn = localDate(this.clock.now());
    const from = query.from ?? `${countedOn.slice(0, 4)}-01-01`;
    const to = query.to ?? countedOn;
    if (compareDates(to, from) < 0) throw new RuleViolationException('to', 'must not be before from');
    const base = {
      organisationId: actor.organisationId,
      from,
      to,
      countedOn,
      targetGroup: query.targetGroup ?? null,
      sector: query.sector ?? null,
    };
    if (actor.role === 'funder') {
      if (!actor.funderId) throw new ForbiddenProblem('Your account is not linked to a funder.');
      const threshold = (await this.parameters.sourceFor(actor.organisationId)).valueOn('reportSmallCellThreshold', countedOn).value;
      // A funder sees its own trajectories only; team and coach do not narrow a funder's view (they would shrink the cells).
      return {
        ...base,
        teamId: null,
        coachMembershipId: null,
        funderId: actor.funderId,
        coachMembershipIds: null,
        smallCellThreshold: threshold,
        forFunder: true,
      };
    }
    if (actor.role !== 'admin' && actor.role !== 'team_lead') throw new ForbiddenProblem('Reports are for admins, team leads and funders.');
    if (query.funderId && !(await this.organisations.funder(actor.organisationId, query.funderId))) throw new NotFoundProblem('funder');
    let coaches: string[] | null = null;
    let teamId: string | null = query.teamId ?? null;
    if (actor.role === 'team_lead') {
      if (teamId && teamId !== actor.teamId) throw new NotFoundProblem('team');
      teamId = actor.teamId;
      coaches = (await this.memberships.listVisible(actor)).map((member) => member.id);
    } else if (teamId) {
      if (!(await this.organisations.teamExists(actor.organisationId, teamId))) throw new NotFoundProblem('team');
      coaches = (await this.memberships.listVisible(actor)).filter((member) => member.teamId === teamId).map((member) => member.id);
    }
    if (query.coachMembershipId) {
      const visible = coaches ?? (await this.memberships.listVisible(actor)).map((member) => member.id);
      if (!visible.includes(query.coachMembershipId)) throw new NotFoundProblem('coachMembershipId');
      coaches = [query.coachMembershipId];
    }
    return {
      ...base,
      teamId,
      coachMembershipId: query.coachMembershipId ?? null,
      funderId: query.funderId ?? null,
      coachMembershipIds: coaches,
      smallCellThreshold: null,
      forFunder: false,
    };
  }
}

/**
 * Placements per check-in signal behind their risk flag, most first. A reason reads "relapse: severe" or
 * "lateness: repeated". With `mergeHealth` (funders) the health-related signals are one reason,
 * HEALTH_AND_WELLBEING, and a placement with two of them counts once there.
 */
export function riskReasonCounts(reasonLists: ReadonlyArray<readonly string[]>, mergeHealth: boolean): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const reasons of reasonLists) {
    const codes = reasons.map((text) => text.split(':')[0]!.trim());
    const counted = mergeHealth ? codes.map((code) => (HEALTH_SIGNALS.includes(code) ? HEALTH_AND_WELLBEING : code)) : codes;
    for (const code of new Set(counted)) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Counts per code with the health-related codes summed into HEALTH_AND_WELLBEING (each count is of different people). */
function mergedCounts(occurred: ReadonlyArray<readonly [string, number]>, health: readonly string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const [code, count] of occurred) {
    const key = health.includes(code) ? HEALTH_AND_WELLBEING : code;
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  return [...counts.entries()];
}

/**
 * The rows of a reasons list. Staff: the reasons that occurred, as given (most first). A funder: every known
 * reason in a fixed order, each "< 5" or its count, so a row's presence tells nothing (a row only where the
 * reason occurred would say "at least 1" beside its "< 5", a missing row "0"). A code outside the known set
 * (the database and the aftercare rules write none) is left out of a funder's list for the same reason.
 */
function reasonRows(occurred: ReadonlyArray<readonly [string, number]>, known: readonly string[] | null, show: Figures): ReasonCountDto[] {
  if (!known) return occurred.map(([reason, count]) => ({ reason, count: show.count(count) }));
  const counts = new Map(occurred);
  return known.map((reason) => ({ reason, count: show.count(counts.get(reason) ?? 0) }));
}

/** A name as a short file-name part: lower case, no accents, words joined by "-", at most 30 characters. */
export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 30) return slug;
  const cut = slug.slice(0, 30);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

/**
 * The download's name: the period and every filter in use, so two downloads never look alike
 * ("werkbrug-resultaten-2025-01-01-2026-12-01-team-noord-coach-sanne-de-vries-doelgroep-wajong-sector-bedrijfsleven").
 * Team, coach and funder by their (staff or organisation) name; never a participant's.
 */
export function exportFileName(scope: ReportScopeDto, names: { funder: string | null; team: string | null; coach: string | null }): string {
  const parts = ['werkbrug-resultaten', scope.from, scope.to];
  const add = (kind: string, value: string | null) => {
    // "Team Noord" reads "team-noord", not "team-team-noord".
    const slug = value ? fileSlug(value).replace(new RegExp(`^${kind}-`), '') : '';
    if (slug) parts.push(kind, slug);
  };
  if (scope.smallCellThreshold === null) {
    add('team', names.team);
    add('coach', names.coach);
  }
  add('financier', names.funder);
  add('doelgroep', scope.targetGroup ? scope.targetGroup.replace(/_/g, '-') : null);
  add('sector', scope.sector ? SECTOR_SLUGS[scope.sector] : null);
  return parts.join('-');
}

const SECTOR_SLUGS: Record<string, string> = { public: 'overheid', private: 'bedrijfsleven' };

function cohortFilter(scope: ResolvedScope): CohortFilter {
  return { coachMembershipIds: scope.coachMembershipIds, funderId: scope.funderId, targetGroup: scope.targetGroup };
}

function publicScope(scope: ResolvedScope): ReportScopeDto {
  return {
    from: scope.from,
    to: scope.to,
    teamId: scope.teamId,
    coachMembershipId: scope.coachMembershipId,
    funderId: scope.funderId,
    targetGroup: scope.targetGroup,
    sector: scope.sector,
    countedOn: scope.countedOn,
    smallCellThreshold: scope.smallCellThreshold,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
