import { Body, Get, type OnModuleInit, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { PlatformOperators } from '../../platform/auth/platform-operators.js';
import { QUEUE_DASHBOARD_PATH } from '../../platform/queue/queue-dashboard.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam, NotFoundProblem, ProblemException } from '../../platform/http/problem.js';
import { AuthService } from '../../identity/auth.service.js';
import { CreateInvitationDto } from '../../identity/dto/auth.dto.js';
import { type ImportKind, KINDS } from '../../imports/csv-columns.js';
import { type ImportDto, ImportQueryDto } from '../../imports/dto/import.dto.js';
import { ImportsService, MAX_IMPORT_BYTES } from '../../imports/imports.service.js';
import { EmployersService } from '../../employers/employers.service.js';
import { MembershipsService } from '../../identity/memberships.service.js';
import { STAFF_ROLE_CHOICES, UpdateMembershipDto } from '../../organisations/dto/organisation.dto.js';
import { OrganisationsService } from '../../organisations/organisations.service.js';
import { type QuotaOverviewRow, QuotaService } from '../../quota/quota.service.js';
import { formatLongDate } from '../../rules/calculations/explain.js';
import { localDate } from '../../rules/calculations/working-days.js';
import { Clock } from '../../platform/clock/clock.js';
import { parameterLabel, parameterValue } from '../../rules/calculations/parameter-labels.js';
import { DATE_PARAMETER_KEYS, NUMERIC_PARAMETER_KEYS } from '../../rules/calculations/parameters.js';
import { CreateRuleParameterDto, EndRuleParameterDto, type RuleParameterDto } from '../../rule-parameters/dto/rule-parameter.dto.js';
import { isInForce, RuleParametersService } from '../../rule-parameters/rule-parameters.service.js';
import { missingRuleValueKey, TasksService } from '../../tasks/tasks.service.js';
import { type FormBody, formField, parseForm, problemParams, submitOrShowAgain } from '../form.js';
import { type FormErrors, formErrors, PortalContext } from '../portal-context.js';
import { translate } from '../i18n.js';
import { PortalController } from '../portal-controller.decorator.js';
import './admin.i18n.js';
import { csvText, importUploadOf } from './import-upload.js';
import { rejectionCsv, rejectionLines, updateLines } from './import-report.js';
import { columnLabel, DUTCH_COLUMNS } from '../../imports/csv-dialect.js';

const INVITE_FIELDS = ['email', 'displayName', 'role', 'teamId', 'employerId', 'funderId', 'locale'] as const;
const INVITABLE = ['jobcoach', 'team_lead', 'admin', 'employer_user', 'funder'] as const;
const MEMBER_CHANGES = ['role', 'disabled', 'active', 'resent'] as const;
const RULE_FIELDS = ['key', 'scope', 'valueNumber', 'valueDate', 'validFrom', 'validTo', 'source'] as const;
/** In the order an organisation usually starts: its participants first. */
const UPLOAD_KINDS: readonly ImportKind[] = ['participants', 'employers', 'vacancies'];
const MAX_IMPORT_MEGABYTES = Math.floor(MAX_IMPORT_BYTES / (1024 * 1024));
/** Payroll tax numbers in the quota overview on the admin home; more are named by count. */
const QUOTA_ROWS = 10;
/** Rejected fields listed on the page per run; the downloaded report has them all. */
const SHOWN_REJECTIONS = 50;

/** '6 december 2026 om 18:30', in Dutch time. */
function formatDateTime(iso: string, locale: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

/** The translation of a key, or `fallback` when there is none (free text an organisation typed). */
function translateOr(locale: 'nl' | 'en', key: string, fallback: string): string {
  const text = translate(locale, key);
  return text === key ? fallback : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One problem of the import form: the field it is about, the page's message, the answer's status. */
interface ImportFormProblem {
  field: 'kind' | 'file';
  message: string;
  status: number;
}

/** The organisation admin's pages: home, users and invitations, rule parameters, imports. */
@PortalController('portal/admin')
export class AdminPagesController implements OnModuleInit {
  private imports?: ImportsService;

  constructor(
    private readonly portal: PortalContext,
    private readonly moduleRef: ModuleRef,
    private readonly auth: AuthService,
    private readonly parameters: RuleParametersService,
    private readonly memberships: MembershipsService,
    private readonly organisations: OrganisationsService,
    private readonly employers: EmployersService,
    private readonly quota: QuotaService,
    private readonly tasks: TasksService,
    private readonly operators: PlatformOperators,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The imports module may not be installed; without it, imports are done through the API only.
    try {
      this.imports = this.moduleRef.get(ImportsService, { strict: false });
    } catch {
      this.imports = undefined;
    }
  }

  @Get()
  @Policy({ roles: ['admin'] })
  async home(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const locale = this.portal.locale(request);
    const [counts, withoutValue, operator, twoFactor, runs, quota] = await Promise.all([
      this.memberships.memberCounts(actor.organisationId),
      this.parameters.withoutValueOn(actor.organisationId, localDate(this.clock.now())),
      this.operators.isOperator(actor),
      this.auth.twoFactorStatus(actor),
      this.recentRuns(actor, 5),
      this.quotaOverview(actor, request),
    ]);
    // What needs the admin now, most pressing first; each with the page where it is done.
    const attention: Array<{ text: string; href: string; link: string }> = [];
    for (const run of runs) {
      const kind = t(`admin.imports.kind.${run.kind}`).toLowerCase();
      if (run.status === 'failed')
        attention.push({ text: t('admin.home.importFailed', { kind }), href: '/portal/admin/imports', link: t('nav.imports') });
      else if (run.rowsRejected > 0)
        attention.push({
          text: t('admin.home.importRejected', { kind, count: run.rowsRejected }),
          href: '/portal/admin/imports',
          link: t('admin.home.toImports'),
        });
    }
    // The same rules the rules page marks "geen waarde voor vandaag", named, with a link to that page.
    if (withoutValue.length > 0) {
      const names = withoutValue.map(({ key, scope }) => {
        const scopeText = scope ? translateOr(locale, `admin.rules.scopeName.${scope}`, scope) : null;
        return `${parameterLabel(key, locale)}${scopeText ? ` (${scopeText})` : ''}`;
      });
      const list = new Intl.ListFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'long', type: 'conjunction' });
      attention.push({
        text: t('admin.home.missingValues', { count: withoutValue.length, names: list.format(names) }),
        href: '/portal/admin/rule-parameters',
        link: t('admin.home.toRules'),
      });
    }
    if (counts.invited > 0)
      attention.push({
        text: t('admin.home.openInvitations', { count: counts.invited }),
        href: '/portal/admin/users',
        link: t('admin.home.toUsers'),
      });
    if (twoFactor.enabled && twoFactor.recoveryCodesLeft < 3)
      attention.push({
        text: t('admin.home.fewCodes', { count: twoFactor.recoveryCodesLeft }),
        href: '/portal/two-factor',
        link: t('admin.home.toCodes'),
      });
    this.portal.send(request, response, 'admin/home', {
      title: t('admin.home.title'),
      counts,
      attention,
      quota,
      // Only for a platform operator who is also this organisation's admin: the queues are the whole installation's.
      queueDashboard: operator ? QUEUE_DASHBOARD_PATH : null,
    });
  }

  /**
   * The employers' banenafspraak (Quotumwet) status this year, as the quota capability computes it: per payroll tax
   * number the share of paid hours worked by people from the target-group register beside the quota percentage.
   */
  private async quotaOverview(actor: Actor, request: Request) {
    const locale = this.portal.locale(request);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const year = Number(localDate(this.clock.now()).slice(0, 4));
    const employers = await this.employers.list(actor);
    const { rows, units } = await this.quota.overview(
      actor,
      employers.map((employer) => ({ id: employer.id, name: employer.name, payrollTaxNumber: employer.payrollTaxNumber ?? null })),
      year,
      QUOTA_ROWS,
    );
    const percent = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 });
    const number = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 });
    const row = (unit: QuotaOverviewRow) => {
      const name = unit.employerNames.join(', ');
      const status = unit.status;
      if (!status) {
        const fields = unit.missing.map((param) => translateOr(locale, `admin.quota.missing.${param.name}`, param.name));
        // Where it is put right: a missing rule value under regels en bedragen; an employer's figures (payroll tax
        // number, sector, hours, employees) on that employer's own page (the first one of a payroll tax number).
        const ruleOnly = unit.missing.length > 0 && unit.missing.every((param) => param.name === 'year');
        return {
          name,
          missing: t('admin.quota.missing', { fields: fields.join(', ') }),
          fixHref: ruleOnly ? '/portal/admin/rule-parameters' : `/portal/employers/${unit.employerIds[0]}/edit`,
          fixText: ruleOnly ? t('admin.home.toRules') : t('admin.quota.fixEmployer', { name }),
        };
      }
      const requirement = status.requirement;
      let state: string;
      if (!status.quotaApplies) state = t('admin.quota.notApplies');
      else if (!requirement) state = t('admin.quota.noPercentage');
      else if (requirement.missingJobs > 0)
        state = t('admin.quota.short', { jobs: number.format(requirement.missingJobs), count: requirement.missingJobs });
      else state = t('admin.quota.met');
      return {
        name,
        achieved: unit.achievedFraction === null ? '–' : percent.format(unit.achievedFraction),
        required: requirement ? percent.format(requirement.quotaPercentage) : '–',
        jobs: requirement
          ? t('admin.quota.jobsOf', { counted: number.format(status.jobsCounted), required: number.format(requirement.jobsRequired) })
          : number.format(status.jobsCounted),
        state,
        below: status.quotaApplies && !!requirement && requirement.missingJobs > 0,
      };
    };
    // What "Banen" means, with the hours of one job as the rule parameters have them for this year (never typed in).
    const source = await this.parameters.sourceFor(actor.organisationId);
    const on = `${year}-12-31` < localDate(this.clock.now()) ? `${year}-12-31` : localDate(this.clock.now());
    const perWeek = source.findValueOn('quotaJobHoursPerWeek', on)?.value;
    const perYear = source.findValueOn('quotaJobHoursPerYear', on)?.value;
    return {
      year,
      jobsExplained:
        perWeek === undefined || perYear === undefined
          ? t('admin.quota.jobsExplainedNoHours')
          : t('admin.quota.jobsExplained', { perWeek: number.format(perWeek), perYear: number.format(perYear) }),
      rows: rows.map(row),
      more: units > rows.length ? t('admin.quota.more', { shown: rows.length, total: units }) : undefined,
    };
  }

  @Get('users')
  @Policy({ roles: ['admin'] })
  async users(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('invited') invited?: string,
  ): Promise<void> {
    await this.usersPage(actor, request, response, { values: { role: 'jobcoach', locale: 'nl' }, invited });
  }

  @Post('invitations')
  @Policy({ roles: ['admin'] })
  async invite(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const values = Object.fromEntries(INVITE_FIELDS.map((field) => [field, body[field]]));
    const { value, invalidParams } = await parseForm(CreateInvitationDto, body);
    if (!value) return this.usersPage(actor, request, response, { values, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        const { membershipId } = await this.auth.invite(actor, value);
        response.redirect(303, `/portal/admin/users?invited=${membershipId}`);
      },
      (params, error) =>
        this.usersPage(actor, request, response, { values, params }, error instanceof ProblemException ? error.getStatus() : 422),
      // An address that is already a member is a refusal too, shown at the email field.
      (error) =>
        problemParams(error) ??
        (error instanceof ProblemException && error.getStatus() === 409
          ? [{ name: 'email', reason: this.portal.t(request, 'admin.users.alreadyMember') }]
          : undefined),
    );
  }

  private async usersPage(
    actor: Actor,
    request: Request,
    response: Response,
    input: { values: Record<string, unknown>; params?: InvalidParam[]; invited?: string },
    status = 200,
  ): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const [rows, teams, employers, funders] = await Promise.all([
      this.memberships.listVisible(actor),
      this.organisations.teams(actor.organisationId),
      this.employers.list(actor),
      this.organisations.funders(actor.organisationId),
    ]);
    const teamName = new Map(teams.map((team) => [team.id, team.name]));
    const fieldLabels = Object.fromEntries(INVITE_FIELDS.map((field) => [field, t(`admin.invite.${field}`)]));
    const invited = input.invited ? rows.find((row) => row.id === input.invited) : undefined;
    this.portal.send(
      request,
      response,
      'admin/users',
      {
        title: t('admin.users.title'),
        members: rows.map((row) => ({
          id: row.id,
          name: row.displayName,
          email: row.email,
          roleLabel: t(`admin.role.${row.role}`),
          statusLabel: t(`admin.memberStatus.${row.status}`),
          status: row.status,
          team: row.teamId ? teamName.get(row.teamId) : undefined,
        })),
        values: input.values,
        invited: invited?.email,
        errors: input.params ? formErrors(input.params, fieldLabels, this.portal.locale(request)) : undefined,
        roleOptions: INVITABLE.map((role) => ({ value: role, label: t(`admin.role.${role}`) })),
        teamOptions: [{ value: '', label: t('admin.invite.noTeam') }, ...teams.map((team) => ({ value: team.id, label: team.name }))],
        employerOptions: [
          { value: '', label: t('admin.invite.noEmployer') },
          ...employers.map((employer) => ({ value: employer.id, label: employer.name })),
        ],
        funderOptions: [
          { value: '', label: t('admin.invite.noFunder') },
          ...funders.map((funder) => ({ value: funder.id, label: funder.name })),
        ],
        localeOptions: [
          { value: 'nl', label: 'Nederlands' },
          { value: 'en', label: 'English' },
        ],
      },
      status,
    );
  }

  /** One account: its role, whether it is on, and its invitation. */
  @Get('users/:membershipId')
  @Policy({ roles: ['admin'], resource: { kind: 'membership', param: 'membershipId' } })
  async user(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
    @Query('changed') changed?: string,
  ): Promise<void> {
    const known = MEMBER_CHANGES.find((change) => change === changed);
    await this.userPage(actor, request, response, membershipId, { changed: known });
  }

  @Post('users/:membershipId/role')
  @Policy({ roles: ['admin'], resource: { kind: 'membership', param: 'membershipId' } })
  async changeRole(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const role = formField(body, 'role') ?? '';
    const { value, invalidParams } = await parseForm(UpdateMembershipDto, { role });
    if (!value?.role) {
      const params = invalidParams.length ? invalidParams : [{ name: 'role', reason: 'should not be empty' }];
      return this.userPage(actor, request, response, membershipId, { params, role }, 400);
    }
    await submitOrShowAgain(
      async () => {
        await this.memberships.update(actor, membershipId, { role: value.role });
        response.redirect(303, `/portal/admin/users/${membershipId}?changed=role`);
      },
      (params) => this.userPage(actor, request, response, membershipId, { params, role }, 422),
    );
  }

  @Post('users/:membershipId/status')
  @Policy({ roles: ['admin'], resource: { kind: 'membership', param: 'membershipId' } })
  async changeStatus(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value, invalidParams } = await parseForm(UpdateMembershipDto, { status: formField(body, 'status') ?? '' });
    if (!value?.status) return this.userPage(actor, request, response, membershipId, { params: invalidParams }, 400);
    const status = value.status;
    await submitOrShowAgain(
      async () => {
        await this.memberships.update(actor, membershipId, { status });
        response.redirect(303, `/portal/admin/users/${membershipId}?changed=${status}`);
      },
      (params) => this.userPage(actor, request, response, membershipId, { params }, 422),
    );
  }

  @Post('users/:membershipId/invitation')
  @Policy({ roles: ['admin'], resource: { kind: 'membership', param: 'membershipId' } })
  async resendInvitation(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
  ): Promise<void> {
    await submitOrShowAgain(
      async () => {
        await this.auth.resendInvitation(actor, membershipId);
        response.redirect(303, `/portal/admin/users/${membershipId}?changed=resent`);
      },
      (params) => this.userPage(actor, request, response, membershipId, { params }, 422),
    );
  }

  private async userPage(
    actor: Actor,
    request: Request,
    response: Response,
    membershipId: string,
    input: { params?: InvalidParam[]; changed?: string; role?: string },
    status = 200,
  ): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const [rows, teams] = await Promise.all([this.memberships.listVisible(actor), this.organisations.teams(actor.organisationId)]);
    const member = rows.find((row) => row.id === membershipId);
    if (!member) throw new NotFoundProblem('membership');
    const own = member.id === actor.membershipId;
    const staff = (STAFF_ROLE_CHOICES as readonly string[]).includes(member.role);
    const labels = { role: t('admin.member.newRole'), status: t('admin.users.status'), membership: t('admin.member.invitation') };
    const errors = this.memberErrors(input.params ?? [], labels, request);
    this.portal.send(
      request,
      response,
      'admin/user',
      {
        title: member.displayName,
        member: {
          ...member,
          roleLabel: t(`admin.role.${member.role}`),
          statusLabel: t(`admin.memberStatus.${member.status}`),
          team: member.teamId ? teams.find((team) => team.id === member.teamId)?.name : undefined,
        },
        changed: input.changed ? t(`admin.member.changed.${input.changed}`, { name: member.displayName, email: member.email }) : undefined,
        errors,
        canChangeRole: staff && !own && member.status !== 'disabled',
        canDisable: !own && member.status === 'active',
        canEnable: member.status === 'disabled',
        canResend: member.status === 'invited',
        own,
        roleOptions: STAFF_ROLE_CHOICES.map((role) => ({ value: role, label: t(`admin.role.${role}`) })),
        role: input.role ?? member.role,
      },
      status,
    );
  }

  /** The service's refusals in the page's words; anything else as every form says it. */
  private memberErrors(params: InvalidParam[], labels: Record<string, string>, request: Request): FormErrors | undefined {
    if (params.length === 0) return undefined;
    const known: Array<[RegExp, string]> = [
      [/your own account/, 'admin.member.error.own'],
      [/staff accounts/, 'admin.member.error.notStaff'],
      [/accepted the invitation/, 'admin.member.error.accepted'],
    ];
    const general = formErrors(params, labels, this.portal.locale(request));
    for (const param of params) {
      const key = known.find(([pattern]) => pattern.test(param.reason))?.[1];
      if (key) general.byField[param.name] = this.portal.t(request, key);
    }
    return { list: Object.entries(general.byField).map(([field, message]) => ({ field, message })), byField: general.byField };
  }

  @Get('rule-parameters')
  @Policy({ roles: ['admin'] })
  async rules(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('changed') changed?: string,
  ): Promise<void> {
    const known = changed === 'ended' || changed === 'withdrawn' ? changed : undefined;
    await this.rulesPage(actor, request, response, { values: {}, changed: known });
  }

  @Post('rule-parameters')
  @Policy({ roles: ['admin'] })
  async addRule(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const values = Object.fromEntries(RULE_FIELDS.map((field) => [field, body[field]]));
    const { value, invalidParams } = await parseForm(CreateRuleParameterDto, body, { valueNumber: 'number' });
    if (!value) return this.rulesPage(actor, request, response, { values, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        await this.parameters.add(actor, value);
        await this.rulesPage(actor, request, response, { values: {}, added: value.key });
      },
      (params) => this.rulesPage(actor, request, response, { values, params }, 422),
    );
  }

  /** Sets the last day one of the organisation's own values applies. */
  @Post('rule-parameters/:id/end')
  @Policy({ roles: ['admin'] })
  async endRule(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value, invalidParams } = await parseForm(EndRuleParameterDto, body);
    if (!value) return this.rulesPage(actor, request, response, { values: {}, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        await this.parameters.end(actor, id, value.validTo);
        response.redirect(303, '/portal/admin/rule-parameters?changed=ended');
      },
      (params) => this.rulesPage(actor, request, response, { values: {}, params }, 422),
    );
  }

  /** Withdraws one of the organisation's own values: kept for the record, used by no calculation. */
  @Post('rule-parameters/:id/withdrawal')
  @Policy({ roles: ['admin'] })
  async withdrawRule(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.parameters.withdraw(actor, id);
    response.redirect(303, '/portal/admin/rule-parameters?changed=withdrawn');
  }

  private async rulesPage(
    actor: Actor,
    request: Request,
    response: Response,
    input: { values: Record<string, unknown>; params?: InvalidParam[]; added?: string; changed?: string },
    status = 200,
  ): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const locale = this.portal.locale(request);
    const today = localDate(this.clock.now());
    const [groups, missingValues] = await Promise.all([
      this.parameters.rules(actor.organisationId),
      this.tasks.missingRuleValues(actor.organisationId),
    ]);
    const scopeName = (scope: string | null) => (scope ? translateOr(locale, `admin.rules.scopeName.${scope}`, scope) : null);
    const view = (row: RuleParameterDto) => ({
      ...row,
      scopeText: scopeName(row.scope),
      // National sources quote dates as written in the law (2023-07-01); the page says them as people do.
      sourceText: row.source.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (date) => formatLongDate(date, locale)),
      valueText: parameterValue(row.key, row.value, locale),
      periodText: row.validTo
        ? t('admin.rules.periodClosed', { from: formatLongDate(row.validFrom, locale), to: formatLongDate(row.validTo, locale) })
        : t('admin.rules.periodOpen', { from: formatLongDate(row.validFrom, locale) }),
      originLabel: t(`admin.rules.origin.${row.origin}`),
      withdrawn: row.withdrawnAt !== null,
      changeable: row.origin === 'organisation' && row.id !== null && row.withdrawnAt === null,
    });
    // One rule per key and scope (with or without values): the value in force today, and every value on demand.
    const rules = groups.map(({ key, scope, values }) => {
      const history = values.map(view);
      return {
        key,
        scopeValue: scope,
        label: capitalise(parameterLabel(key, locale)),
        scope: scopeName(scope),
        current: history.find((row) => isInForce(row, today)),
        history,
        historyCount: t('admin.rules.historyCount', { count: history.length }),
      };
    });
    const shown = rules.flatMap((rule) => rule.history);
    const fieldLabels = Object.fromEntries(RULE_FIELDS.map((field) => [field, t(`admin.rules.${field}`)]));
    this.portal.send(
      request,
      response,
      'admin/rule-parameters',
      {
        title: t('admin.rules.title'),
        todayText: formatLongDate(today, locale),
        rules,
        own: shown.filter((row) => row.changeable).map((row) => ({ ...row, keyLabel: capitalise(parameterLabel(row.key, locale)) })),
        values: input.values,
        // The scopes the rules use, by name: a code typed by hand ("private") would be a trap.
        scopeOptions: [
          { value: '', label: t('admin.rules.scopeEveryone') },
          ...[...new Set([...rules.map((rule) => rule.scopeValue), typeof input.values.scope === 'string' ? input.values.scope : null])]
            .filter((scope): scope is string => !!scope)
            .sort()
            .map((scope) => ({ value: scope, label: capitalise(scopeName(scope)!) })),
        ],
        formOpen: Boolean(input.params),
        added: input.added ? parameterLabel(input.added, locale) : undefined,
        changed: input.changed ? t(`admin.rules.changed.${input.changed}`) : undefined,
        // What is to be added: the values a calculation had to guess (tasks), and every rule marked below as
        // having no value for today, so the list and the marks never disagree.
        missingValues: [
          ...missingValues.map(({ title, detail }) => ({ title, detail })),
          ...rules
            // A rule a calculation had to guess is named once, by its task, which says from when and what is used meanwhile.
            .filter(
              (rule) =>
                !rule.current &&
                !missingValues.some((task) =>
                  (task.dedupeKey ?? '').startsWith(missingRuleValueKey(actor.organisationId, rule.key, rule.scopeValue ?? null)),
                ),
            )
            .map((rule) => ({ title: `${rule.label}${rule.scope ? ` (${rule.scope})` : ''}`, detail: t('admin.rules.missingToday') })),
        ],
        errors: input.params ? formErrors(input.params, fieldLabels, this.portal.locale(request)) : undefined,
        keyOptions: [
          { value: '', label: t('admin.choose') },
          ...[...NUMERIC_PARAMETER_KEYS, ...DATE_PARAMETER_KEYS].map((key) => ({
            value: key,
            label: capitalise(parameterLabel(key, locale)),
          })),
        ],
      },
      status,
    );
  }

  @Get('imports')
  @Policy({ roles: ['admin'] })
  async importsPage(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('started') started?: string,
    @Query('kind') kindChosen?: string,
  ): Promise<void> {
    // A link may say which kind to import (the admin home's "enter the payroll tax number" link: employers).
    const chosen = UPLOAD_KINDS.find((kind) => kind === kindChosen);
    await this.renderImports(actor, request, response, { values: chosen ? { kind: chosen } : {}, started });
  }

  /**
   * The upload form: the file and its kind go through ImportsService.start, as
   * with the API (same checks, same job), then back to the list (303), where
   * the new run shows its progress. The multipart body was read before the
   * guard by ImportUploadMiddleware, so the guard checked its CSRF field.
   */
  @Post('imports')
  @Policy({ roles: ['admin'] })
  async startImport(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: FormBody | undefined,
  ): Promise<void> {
    const imports = this.imports;
    if (!imports) throw new NotFoundProblem('import');
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const values = { kind: typeof body?.kind === 'string' ? body.kind : '' };
    const { value } = await parseForm(ImportQueryDto, { kind: values.kind });
    const problems: ImportFormProblem[] = [];
    if (!value) problems.push({ field: 'kind', message: t('admin.imports.error.kind'), status: 400 });
    const file = this.uploadedCsv(request, t);
    if ('problem' in file) problems.push(file.problem);
    if (!value || !('text' in file)) return this.renderImports(actor, request, response, { values, problems });
    await submitOrShowAgain(
      async () => {
        const run = await imports.start(actor, value.kind, file.text);
        response.redirect(303, `/portal/admin/imports?started=${run.id}`);
      },
      (params, error) => {
        const message = this.refusal(params, value.kind, t(`admin.imports.kind.${value.kind}`), t);
        const status = error instanceof ProblemException ? error.getStatus() : 400;
        return this.renderImports(actor, request, response, { values, problems: [{ field: 'file', message, status }] });
      },
    );
  }

  /** The rejected rows of a run as a CSV file: which row, which column, why. */
  @Get('imports/:importId/rejections.csv')
  @Policy({ roles: ['admin'] })
  async rejectionReport(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('importId', ParseUUIDPipe) importId: string,
  ): Promise<void> {
    const imports = this.imports;
    if (!imports) throw new NotFoundProblem('import');
    const run = await imports.get(actor, importId);
    const locale = this.portal.locale(request);
    const csv = rejectionCsv(rejectionLines(run.kind, await imports.rejections(actor, importId), locale), locale);
    const name = `${this.portal.t(request, 'admin.imports.report.file')}.csv`;
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${name}"`)
      .setHeader('Cache-Control', 'no-store')
      .send(csv);
  }

  /** The file's text, or what is wrong with it, as the page says it. */
  private uploadedCsv(
    request: Request,
    t: (key: string, values?: Record<string, unknown>) => string,
  ): { text: string } | { problem: ImportFormProblem } {
    const upload = importUploadOf(request);
    const problem = (key: string, status: number, values: Record<string, unknown> = {}): { problem: ImportFormProblem } => ({
      problem: { field: 'file', message: t(`admin.imports.error.${key}`, { ...values, size: MAX_IMPORT_MEGABYTES }), status },
    });
    if (upload.problem?.kind === 'too-large') return problem('tooLarge', 413);
    if (upload.problem?.kind === 'not-csv') return problem('notCsv', 415, { name: upload.problem.name ?? '' });
    if (upload.problem) return problem('unreadable', 400);
    if (!upload.file) return problem('noFile', 400);
    const read = csvText(upload.file.content);
    if ('text' in read) return { text: read.text };
    if (read.problem === 'empty') return problem('empty', 400);
    return problem(read.problem === 'encoding' ? 'encoding' : 'notCsv', 415, { name: upload.file.name });
  }

  /** Why ImportsService refused the file as a whole (CSV syntax, a column this kind does not know, the key column missing). */
  private refusal(
    params: InvalidParam[],
    kind: ImportKind,
    kindLabel: string,
    t: (key: string, values?: Record<string, unknown>) => string,
  ): string {
    const body = params.find((param) => param.name === 'body');
    if (body) {
      if (/header row/.test(body.reason)) return t('admin.imports.error.noHeader');
      return t('admin.imports.error.invalidCsv', { reason: body.reason.replace(/^is not valid CSV: /, '') });
    }
    const missing = params.filter((param) => /required/.test(param.reason));
    if (missing.some((param) => param.name === KINDS[kind].key)) {
      return t('admin.imports.error.missingColumn', { column: columnLabel(kind, KINDS[kind].key) });
    }
    if (missing.length === 1) return t('admin.imports.error.missingRequired', { column: columnLabel(kind, missing[0]!.name) });
    if (missing.length > 1) {
      const columns = missing.map((param) => `‘${columnLabel(kind, param.name)}’`).join(', ');
      return t('admin.imports.error.missingRequiredMany', { columns });
    }
    const twice = params.filter((param) => /twice/.test(param.reason));
    if (twice.length) return t('admin.imports.error.twice', { columns: twice.map((param) => `‘${param.name}’`).join(', ') });
    const columns = params.map((param) => (param.name.trim() === '' ? t('admin.imports.error.unnamedColumn') : `‘${param.name}’`));
    const shown =
      columns.length > 10 ? [...columns.slice(0, 10), t('admin.imports.error.moreColumns', { count: columns.length - 10 })] : columns;
    return t(columns.length === 1 ? 'admin.imports.error.unknownColumn' : 'admin.imports.error.unknownColumns', {
      columns: shown.join(', '),
      kind: kindLabel.toLowerCase(),
    });
  }

  /** The organisation's newest import runs, when imports are installed. */
  private async recentRuns(actor: Actor, limit: number): Promise<ImportDto[]> {
    const imports = this.imports;
    if (!imports) return [];
    const ids = await imports.recentRunIds(actor, limit).catch(() => []);
    return Promise.all(ids.map((id) => imports.get(actor, id)));
  }

  private async renderImports(
    actor: Actor,
    request: Request,
    response: Response,
    input: { values: Record<string, unknown>; problems?: ImportFormProblem[]; started?: string },
  ): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const locale = this.portal.locale(request);
    const runs = [];
    if (this.imports) {
      for (const run of await this.recentRuns(actor, 20)) {
        const id = run.id;
        const lines = run.rowsRejected > 0 ? rejectionLines(run.kind, await this.imports.rejections(actor, id), locale) : [];
        const updated = run.rowsUpdated > 0 ? updateLines(run.kind, await this.imports.updates(actor, id)) : [];
        runs.push({
          ...run,
          kindLabel: t(`admin.imports.kind.${run.kind}`),
          statusLabel: t(`admin.imports.status.${run.status}`),
          startedText: formatDateTime(run.createdAt, locale),
          rejections: lines.slice(0, SHOWN_REJECTIONS),
          moreRejections:
            lines.length > SHOWN_REJECTIONS ? t('admin.imports.moreRejections', { count: lines.length - SHOWN_REJECTIONS }) : undefined,
          updated: updated.slice(0, SHOWN_REJECTIONS),
          moreUpdates:
            updated.length > SHOWN_REJECTIONS ? t('admin.imports.moreUpdates', { count: updated.length - SHOWN_REJECTIONS }) : undefined,
        });
      }
    }
    const problems = input.problems ?? [];
    const errors: FormErrors | undefined = problems.length
      ? {
          list: problems.map(({ field, message }) => ({ field, message })),
          byField: Object.fromEntries(problems.map(({ field, message }) => [field, message])),
        }
      : undefined;
    this.portal.send(
      request,
      response,
      'admin/imports',
      {
        title: t('admin.imports.title'),
        available: Boolean(this.imports),
        runs,
        started: runs.some((run) => run.id === input.started),
        inProgress: runs.some((run) => run.status === 'queued' || run.status === 'running'),
        values: input.values,
        errors,
        maxMegabytes: MAX_IMPORT_MEGABYTES,
        kindOptions: [
          { value: '', label: t('admin.choose') },
          ...UPLOAD_KINDS.map((kind) => ({ value: kind, label: t(`admin.imports.kind.${kind}`) })),
        ],
        columns: UPLOAD_KINDS.map((kind) => ({
          label: t(`admin.imports.kind.${kind}`),
          key: columnLabel(kind, KINDS[kind].key),
          required: KINDS[kind].required
            .filter((column) => column !== KINDS[kind].key)
            .map((column) => columnLabel(kind, column))
            .join(', '),
          names: Object.values(DUTCH_COLUMNS[kind])
            .map((names) => names[0])
            .join(', '),
        })),
      },
      problems.length ? Math.max(...problems.map((problem) => problem.status)) : 200,
    );
  }
}
