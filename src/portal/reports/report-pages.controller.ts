import { Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OrganisationsService } from '../../organisations/organisations.service.js';
import { TARGET_GROUPS } from '../../participants/target-groups.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { type FigureDto, type ReportQueryDto, SECTORS } from '../../reports/dto/report.dto.js';
import { NOT_SHOWN } from '../../reports/figure-display.js';
import { reportLabel, riskReasonLabel, riskRuleLabel } from '../../reports/report-labels.js';
import { ReportsService } from '../../reports/reports.service.js';
import { isIsoDate } from '../../rules/calculations/dates.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import { aftercareChart, funnelChart, retentionChart } from './report-charts.js';
import './reports.i18n.js';

const REPORT_ROLES = ['admin', 'team_lead', 'funder'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTERS = ['from', 'to', 'teamId', 'coachMembershipId', 'funderId', 'targetGroup', 'sector'] as const;

type RawQuery = Partial<Record<(typeof FILTERS)[number] | 'format', string>>;

/** The filters from the address; a value that does not fit is left out rather than refused (the page shows what it used). */
function reportQuery(raw: RawQuery): ReportQueryDto {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const date = (value: unknown) => (isIsoDate(text(value)) ? text(value) : undefined);
  const uuid = (value: unknown) => (UUID.test(text(value)) ? text(value) : undefined);
  const from = date(raw.from);
  const to = date(raw.to);
  return {
    from,
    to: from && to && to < from ? undefined : to,
    teamId: uuid(raw.teamId),
    coachMembershipId: uuid(raw.coachMembershipId),
    funderId: uuid(raw.funderId),
    targetGroup: TARGET_GROUPS.find((group) => group === text(raw.targetGroup)),
    sector: SECTORS.find((sector) => sector === text(raw.sector)),
  };
}

function queryString(query: ReportQueryDto, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (query[key]) params.set(key, String(query[key]));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The outcome reports for admins (their organisation), team leads (their team) and funders (their own trajectories). */
@PortalController('portal/reports')
export class ReportPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly organisations: OrganisationsService,
    private readonly portal: PortalContext,
  ) {}

  @Get()
  @Policy({ roles: REPORT_ROLES })
  async page(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Query() raw: RawQuery): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const label = (key: string, values: Record<string, unknown> = {}) => reportLabel(locale, key, values);
    const query = reportQuery(raw);
    const funder = actor.role === 'funder';
    const [outcomes, aftercare, funders, teams, coaches] = await Promise.all([
      this.reports.outcomes(actor, query),
      this.reports.aftercare(actor, query),
      funder ? Promise.resolve([]) : this.organisations.funders(actor.organisationId),
      actor.role === 'admin' ? this.organisations.teams(actor.organisationId) : Promise.resolve([]),
      this.reports.coachChoices(actor),
    ]);
    const ownFunder = funder && actor.funderId ? await this.organisations.funder(actor.organisationId, actor.funderId) : null;
    const all = { value: '', label: t('reports.filter.all') };
    const number = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 });
    const figure = (value: FigureDto | null) =>
      value === null ? '' : value.value === null || value.display.endsWith('%') ? value.display : number.format(value.value);
    // A rate, share or median: "–" where it is not shown, with words for a screen reader (partial report-figure).
    const derived = (value: FigureDto | null) => ({ text: figure(value), notShown: value?.display === NOT_SHOWN });
    const monthFormat = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const monthName = (month: string) => monthFormat.format(new Date(`${month}-15T00:00:00Z`));
    const threshold = outcomes.scope.smallCellThreshold;
    // For a funder, a sentence like "nobody has a contract yet" would give away a 0 that "< 5" hides. Where every
    // figure of a part is hidden (or there is none), the part says so in words that hold for 0 and for 1 to 4 alike.
    const few = funder && {
      retention: !outcomes.retention.length || outcomes.retention[0]!.atRisk.value === null,
      reasons: outcomes.dropoutReasons.every((reason) => reason.count.value === null),
      checkins: aftercare.checkins.every((row) => row.planned.value === null),
      help: aftercare.helpRequests.every((row) => row.requests.value === null),
    };
    this.portal.send(request, response, 'reports/reports', {
      title: t('reports.title'),
      funderName: ownFunder?.name,
      threshold,
      few,
      scope: outcomes.scope,
      filters: {
        from: outcomes.scope.from,
        to: outcomes.scope.to,
        teamOptions: actor.role === 'admin' ? [all, ...teams.map((team) => ({ value: team.id, label: team.name }))] : undefined,
        teamId: query.teamId ?? '',
        coachOptions: coaches.length ? [all, ...coaches.map((coach) => ({ value: coach.id, label: coach.name }))] : undefined,
        coachMembershipId: query.coachMembershipId ?? '',
        funderOptions: funder ? undefined : [all, ...funders.map((item) => ({ value: item.id, label: item.name }))],
        funderId: query.funderId ?? '',
        targetGroupOptions: [all, ...TARGET_GROUPS.map((group) => ({ value: group, label: label(`targetGroup.${group}`) }))],
        targetGroup: query.targetGroup ?? '',
        sectorOptions: [all, ...SECTORS.map((sector) => ({ value: sector, label: label(`sector.${sector}`) }))],
        sector: query.sector ?? '',
      },
      exportCsv: `/portal/reports/export?${queryString(query, { format: 'csv' })}`,
      exportXlsx: `/portal/reports/export?${queryString(query, { format: 'xlsx' })}`,
      funnelChart: funnelChart(outcomes, locale),
      funnel: outcomes.funnel.map((stage) => ({
        label: label(`stage.${stage.stage}`),
        count: figure(stage.count),
        base: figure(stage.base),
        conversion: derived(stage.conversion),
      })),
      steps: outcomes.steps.map((step) => ({
        from: label(`stage.${step.from}`),
        to: label(`stage.${step.to}`),
        people: figure(step.people),
        medianDays: derived(step.medianDays),
        leftOut: figure(step.leftOut),
      })),
      reasons: outcomes.dropoutReasons.map((reason) => ({ label: label(`reason.${reason.reason}`), count: figure(reason.count) })),
      retentionChart: retentionChart(outcomes, locale),
      retention: outcomes.retention.map((point) => ({
        month: point.month,
        share: derived(point.share),
        atRisk: figure(point.atRisk),
        ended: figure(point.ended),
        censored: figure(point.censored),
      })),
      staff: !funder,
      aftercareChart: aftercareChart(aftercare, locale),
      checkins: aftercare.checkins.map((row) => ({
        month: monthName(row.month),
        coach: row.coachName ?? t('reports.aftercare.noCoach'),
        planned: figure(row.planned),
        held: figure(row.held),
        missed: figure(row.missed),
        overdue: figure(row.overdue),
      })),
      help: aftercare.helpRequests.map((row) => ({
        month: monthName(row.month),
        requests: figure(row.requests),
        inTime: figure(row.inTime),
        late: figure(row.late),
        openPastDeadline: figure(row.openPastDeadline),
        escalated: figure(row.escalated),
        medianHours: derived(row.medianHoursToContact),
      })),
      risks: {
        raised: figure(aftercare.riskFlags.raised),
        byReason: aftercare.riskFlags.byReason.map((reason) => ({
          label: riskReasonLabel(locale, reason.reason),
          count: figure(reason.count),
        })),
        byRule: aftercare.riskFlags.byRule.map((rule) => ({ label: riskRuleLabel(locale, rule.reason), count: figure(rule.count) })),
      },
    });
  }

  @Get('export')
  @Policy({ roles: REPORT_ROLES })
  async export(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Query() raw: RawQuery): Promise<void> {
    const format = raw.format === 'xlsx' ? 'xlsx' : 'csv';
    const file = await this.reports.export(actor, reportQuery(raw), format, this.portal.locale(request));
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    response.type(file.contentType).send(file.body);
  }
}
