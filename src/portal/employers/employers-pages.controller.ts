import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam, ProblemException } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import { CreateEmployerDto, type EmployerDto, TARGET_GROUP_EXPERIENCE, UpdateEmployerDto } from '../../employers/dto/employer.dto.js';
import { EmployersService } from '../../employers/employers.service.js';
import { type Coercion, type FormBody, problemParams, parseForm, submitOrShowAgain } from '../form.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import { choices, pageErrors } from '../help/page-support.js';
import './employers.i18n.js';

const FIELDS = [
  'name',
  'kvkNumber',
  'payrollTaxNumber',
  'sectorType',
  'employeeCount',
  'paidHoursPerYear',
  'targetGroupExperience',
] as const;
/** The fields a staff member may empty on the form: an emptied field clears what was recorded. */
const CLEARABLE = ['kvkNumber', 'payrollTaxNumber', 'sectorType', 'employeeCount', 'paidHoursPerYear'] as const;
const SECTORS = ['public', 'private'] as const;
const COERCIONS: Record<string, Coercion> = { employeeCount: 'number', paidHoursPerYear: 'number' };

/** Plain messages where the check's own would repeat the field's name awkwardly. */
const MESSAGES: Record<string, string> = {
  kvkNumber: 'employers.error.kvkNumber',
  payrollTaxNumber: 'employers.error.payrollTaxNumber',
  version: 'employers.error.version',
};

/** What the browser sent, as the DTO reads it: spaces and thousands dots left out, the L of the payroll tax number a capital. */
function normalised(body: FormBody): FormBody {
  const text = (name: string) => body[name];
  const squeeze = (name: string, pattern: RegExp) => {
    const value = text(name);
    return typeof value === 'string' ? value.replace(pattern, '') : value;
  };
  const payroll = squeeze('payrollTaxNumber', /[\s.]/g);
  return {
    ...Object.fromEntries(FIELDS.map((field) => [field, text(field)])),
    kvkNumber: squeeze('kvkNumber', /[\s.]/g),
    payrollTaxNumber: typeof payroll === 'string' ? payroll.toUpperCase() : payroll,
    employeeCount: squeeze('employeeCount', /[\s.]/g),
    paidHoursPerYear: squeeze('paidHoursPerYear', /[\s.]/g),
    ...(body.version === undefined ? {} : { version: body.version }),
  } as FormBody;
}

/** An employer as form values (strings, as the browser sends them). */
function employerValues(employer: EmployerDto): FormBody {
  const text = (value: string | number | null) => (value === null ? undefined : String(value));
  return {
    name: employer.name,
    kvkNumber: text(employer.kvkNumber),
    payrollTaxNumber: text(employer.payrollTaxNumber),
    sectorType: text(employer.sectorType),
    employeeCount: text(employer.employeeCount),
    paidHoursPerYear: text(employer.paidHoursPerYear),
    targetGroupExperience: employer.targetGroupExperience,
    version: String(employer.version),
  };
}

/** Staff register the organisation's employers and keep their details (for the quota: the payroll tax number above all). */
@PortalController('portal/employers')
export class EmployersPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly employers: EmployersService,
  ) {}

  @Get()
  @Policy({ roles: STAFF })
  async list(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('saved') saved?: string,
  ): Promise<void> {
    const items = await this.employers.list(actor);
    this.portal.send(request, response, 'employers/list', {
      title: this.portal.t(request, 'employers.title'),
      saved: saved === 'created' || saved === 'updated' ? saved : undefined,
      employers: items.map((employer) => ({
        id: employer.id,
        name: employer.name,
        kvkNumber: employer.kvkNumber,
        payrollTaxNumber: employer.payrollTaxNumber,
      })),
    });
  }

  @Get('new')
  @Policy({ roles: STAFF })
  newEmployer(@Req() request: Request, @Res() response: Response): void {
    this.showForm(request, response, undefined, { targetGroupExperience: 'none' }, undefined, 200);
  }

  @Post()
  @Policy({ roles: STAFF })
  async create(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor, @Body() body: FormBody): Promise<void> {
    const fields = normalised(body);
    delete fields.version;
    const { value, invalidParams } = await parseForm(CreateEmployerDto, fields, COERCIONS);
    if (!value) return this.showForm(request, response, undefined, body, invalidParams, 400);
    await submitOrShowAgain(
      async () => {
        await this.employers.create(actor, value);
        response.redirect(303, '/portal/employers?saved=created');
      },
      (params) => this.showForm(request, response, undefined, body, params, 400),
    );
  }

  @Get(':employerId/edit')
  @Policy({ roles: STAFF, resource: { kind: 'employer', param: 'employerId' } })
  async edit(
    @Req() request: Request,
    @Res() response: Response,
    @Param('employerId', uuidParam('employerId')) employerId: string,
  ): Promise<void> {
    const employer = await this.employers.get(employerId);
    this.showForm(request, response, employer, employerValues(employer), undefined, 200);
  }

  @Post(':employerId')
  @Policy({ roles: STAFF, resource: { kind: 'employer', param: 'employerId' } })
  async update(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('employerId', uuidParam('employerId')) employerId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const employer = await this.employers.get(employerId);
    const fields = normalised(body);
    // The form sends every field: an emptied name is an error, not "leave unchanged", so check it as a whole employer first.
    const { version: _version, ...whole } = fields;
    const complete = await parseForm(CreateEmployerDto, whole, COERCIONS);
    if (!complete.value) return this.showForm(request, response, employer, body, complete.invalidParams, 400);
    const { value, invalidParams } = await parseForm(UpdateEmployerDto, fields, { ...COERCIONS, version: 'number' });
    if (!value) return this.showForm(request, response, employer, body, invalidParams, 400);
    // An emptied field clears what was recorded.
    const changes = value as unknown as Record<string, unknown>;
    for (const field of CLEARABLE) if (changes[field] === undefined) changes[field] = null;
    await submitOrShowAgain(
      async () => {
        await this.employers.update(actor, employerId, value);
        response.redirect(303, '/portal/employers?saved=updated');
      },
      (params, error) =>
        this.showForm(request, response, employer, body, params, error instanceof ProblemException ? error.getStatus() : 400),
      // Someone else saved the employer first: said on the form, not as an error page.
      (error) =>
        problemParams(error) ??
        (error instanceof ProblemException && error.getStatus() === 409 ? [{ name: 'version', reason: 'conflict' }] : undefined),
    );
  }

  private showForm(
    request: Request,
    response: Response,
    employer: EmployerDto | undefined,
    values: FormBody,
    invalidParams: InvalidParam[] | undefined,
    status: number,
  ): void {
    const locale = this.portal.locale(request);
    const t = (key: string, data: Record<string, unknown> = {}) => this.portal.t(request, key, data);
    const labels: Record<string, string> = Object.fromEntries(FIELDS.map((field) => [field, t(`employers.field.${field}`)]));
    const errors = invalidParams ? pageErrors(invalidParams, labels, locale, MESSAGES) : undefined;
    // A conflict is about the whole form: its summary link goes to the first field.
    if (errors?.byField.version) errors.list = errors.list.map((item) => (item.field === 'version' ? { ...item, field: 'name' } : item));
    const sector = typeof values.sectorType === 'string' ? values.sectorType : '';
    this.portal.send(
      request,
      response,
      'employers/form',
      {
        title: employer ? t('employers.editTitle') : t('employers.new.title'),
        employer,
        action: employer ? `/portal/employers/${employer.id}` : '/portal/employers',
        errors,
        values,
        sectors: [
          { value: '', label: t('employers.sector.unknown') },
          ...SECTORS.map((value) => ({ value, label: t(`employers.sector.${value}`) })),
        ],
        sector,
        experiences: choices(locale, 'employers.experience', TARGET_GROUP_EXPERIENCE, values.targetGroupExperience),
      },
      status,
    );
  }
}
