import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy, STAFF } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam, NotFoundProblem, ProblemException } from '../../platform/http/problem.js';
import { uuidParam } from '../../platform/http/validation.js';
import {
  CreateEmployerDto,
  EmployerAddressDto,
  EmployerContactPersonDto,
  type EmployerDto,
  TARGET_GROUP_EXPERIENCE,
  UpdateEmployerDto,
} from '../../employers/dto/employer.dto.js';
import { EmployersService } from '../../employers/employers.service.js';
import { MembershipsService } from '../../identity/memberships.service.js';
import { type Coercion, type FormBody, problemParams, parseForm, submitOrShowAgain } from '../form.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import { actorOf, choices, pageErrors } from '../help/page-support.js';
import './employers.i18n.js';

const FIELDS = [
  'name',
  'contactCoachMembershipId',
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
  contactCoachMembershipId: 'employers.error.contactCoachMembershipId',
  postcode: 'employers.error.postcode',
  contactEmail: 'employers.error.contactEmail',
  contactPhone: 'employers.error.contactPhone',
};

/**
 * The employer's two lists on its page: the page's field names (a contact's `name` apart from the employer's own),
 * the employer's property, and the messages after a change (which also name the section the page opens at).
 */
const LISTS = {
  addresses: {
    pageFields: { street: 'street', houseNumber: 'houseNumber', postcode: 'postcode', city: 'city' },
    property: 'addresses',
    added: 'address-added',
    removed: 'address-removed',
  },
  'contact-persons': {
    pageFields: { contactName: 'name', contactRole: 'role', contactEmail: 'email', contactPhone: 'phone' },
    property: 'contactPersons',
    added: 'contact-added',
    removed: 'contact-removed',
  },
} as const;
type ListName = keyof typeof LISTS;
type ListMessage = (typeof LISTS)[ListName]['added' | 'removed'];

function listName(raw: string): ListName {
  if (!Object.hasOwn(LISTS, raw)) throw new NotFoundProblem('page');
  return raw as ListName;
}

/** The list a `saved` message of the page's address is about, and its text key; undefined for anything else. */
function savedIn(raw: string | undefined): { list: ListName; message: ListMessage } | undefined {
  for (const [list, spec] of Object.entries(LISTS) as Array<[ListName, (typeof LISTS)[ListName]]>) {
    if (raw === spec.added || raw === spec.removed) return { list, message: raw };
  }
  return undefined;
}

/** The addresses as the service takes them back: with their coordinates, so they are not looked up again. */
function addressInputs(employer: EmployerDto): EmployerAddressDto[] {
  return employer.addresses.map(({ street, houseNumber, postcode, city, latitude, longitude }) => ({
    street,
    houseNumber,
    postcode,
    city,
    ...(latitude === undefined || longitude === undefined ? {} : { latitude, longitude }),
  }));
}

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
    contactCoachMembershipId: text(employer.contactCoachMembershipId),
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
    private readonly memberships: MembershipsService,
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
  async newEmployer(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    // As the service does when none is chosen: the coach who adds the employer is its contact, an admin picks one.
    const contact = actor.role === 'admin' ? undefined : actor.membershipId;
    await this.showForm(request, response, undefined, { targetGroupExperience: 'none', contactCoachMembershipId: contact }, undefined, 200);
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
    @Query('saved') saved?: string,
  ): Promise<void> {
    const employer = await this.employers.get(employerId);
    await this.showForm(request, response, employer, employerValues(employer), undefined, 200, { saved: savedIn(saved) });
  }

  /** Adds an address (`addresses`) or a contact person (`contact-persons`). */
  @Post(':employerId/:list')
  @Policy({ roles: STAFF, resource: { kind: 'employer', param: 'employerId' } })
  async addToList(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('employerId', uuidParam('employerId')) employerId: string,
    @Param('list') list: string,
    @Body() body: FormBody,
  ): Promise<void> {
    await this.addEntry(listName(list), request, response, actor, employerId, body);
  }

  @Post(':employerId/:list/:index/removal')
  @Policy({ roles: STAFF, resource: { kind: 'employer', param: 'employerId' } })
  async removeFromList(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('employerId', uuidParam('employerId')) employerId: string,
    @Param('list') list: string,
    @Param('index') rawIndex: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const name = listName(list);
    const employer = await this.employers.get(employerId);
    const entries = listEntries(employer, name);
    const index = /^\d{1,3}$/.test(rawIndex) ? Number(rawIndex) : -1;
    if (index < 0 || index >= entries.length) throw new NotFoundProblem(name === 'addresses' ? 'address' : 'contact person');
    await this.saveList(
      actor,
      employer,
      body,
      { [LISTS[name].property]: entries.filter((_, position) => position !== index) },
      response,
      LISTS[name].removed,
      (params, status) => this.showForm(request, response, employer, employerValues(employer), params, status),
    );
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
    // The contact is sent only when changed: a contact who has since left stays until someone picks another.
    if (changes.contactCoachMembershipId === undefined || changes.contactCoachMembershipId === employer.contactCoachMembershipId)
      delete changes.contactCoachMembershipId;
    await submitOrShowAgain(
      async () => {
        await this.employers.update(actor, employerId, value);
        response.redirect(303, '/portal/employers?saved=updated');
      },
      (params, error) =>
        this.showForm(request, response, employer, body, params, error instanceof ProblemException ? error.getStatus() : 400),
      refusalOrConflict,
    );
  }

  /** A new address or contact person, checked as the API checks it, added to the end of the employer's list. */
  private async addEntry(
    list: ListName,
    request: Request,
    response: Response,
    actor: Actor,
    employerId: string,
    body: FormBody,
  ): Promise<void> {
    const employer = await this.employers.get(employerId);
    const { pageFields, property, added } = LISTS[list];
    const fields = Object.fromEntries(Object.entries(pageFields).map(([field, name]) => [name, body[field]])) as FormBody;
    if (typeof fields.postcode === 'string') fields.postcode = fields.postcode.toUpperCase();
    const pageName: Record<string, string> = Object.fromEntries(Object.entries(pageFields).map(([field, name]) => [name, field]));
    const entries = listEntries(employer, list);
    // The service names the new entry by its place in the list (`addresses.3.postcode`); the form by its field.
    const entryPrefix = `${property}.${entries.length}.`;
    const showAgain = (params: InvalidParam[], status = 400) =>
      this.showForm(
        request,
        response,
        employer,
        employerValues(employer),
        params.map((param) => {
          const name = param.name.replace(entryPrefix, '');
          return { ...param, name: pageName[name] ?? name };
        }),
        status,
        list === 'addresses' ? { address: body } : { contact: body },
      );
    const { value, invalidParams } =
      list === 'addresses' ? await parseForm(EmployerAddressDto, fields) : await parseForm(EmployerContactPersonDto, fields);
    if (!value) return showAgain(invalidParams);
    return this.saveList(actor, employer, body, { [property]: [...entries, value] }, response, added, showAgain);
  }

  /**
   * One change to an employer's addresses or contact persons, on the version the page was read at: someone who
   * saved in between gets the page again with the conflict said, not a list that silently lost their entry.
   */
  private async saveList(
    actor: Actor,
    employer: EmployerDto,
    body: FormBody,
    changes: UpdateEmployerDto,
    response: Response,
    saved: ListMessage,
    showAgain: (params: InvalidParam[], status: number) => Promise<void>,
  ): Promise<void> {
    const version = Number(body.version);
    await submitOrShowAgain(
      async () => {
        await this.employers.update(actor, employer.id, {
          ...changes,
          version: Number.isInteger(version) && version > 0 ? version : employer.version,
        });
        response.redirect(303, `/portal/employers/${employer.id}/edit?saved=${saved}#${savedIn(saved)!.list}-title`);
      },
      (params, error) => showAgain(params, error instanceof ProblemException ? error.getStatus() : 400),
      refusalOrConflict,
    );
  }

  private async showForm(
    request: Request,
    response: Response,
    employer: EmployerDto | undefined,
    values: FormBody,
    invalidParams: InvalidParam[] | undefined,
    status: number,
    lists: { address?: FormBody; contact?: FormBody; saved?: { list: ListName; message: ListMessage } } = {},
  ): Promise<void> {
    const actor = actorOf(request);
    const caseworkers = actor ? await this.memberships.caseworkers(actor.organisationId) : [];
    const locale = this.portal.locale(request);
    const t = (key: string, data: Record<string, unknown> = {}) => this.portal.t(request, key, data);
    const labels: Record<string, string> = Object.fromEntries(
      [...FIELDS, ...Object.values(LISTS).flatMap((spec) => Object.keys(spec.pageFields))].map((field) => [
        field,
        t(`employers.field.${field}`),
      ]),
    );
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
        contactCoach: typeof values.contactCoachMembershipId === 'string' ? values.contactCoachMembershipId : '',
        coachOptions: coachOptions(caseworkers, values.contactCoachMembershipId, t),
        experiences: choices(locale, 'employers.experience', TARGET_GROUP_EXPERIENCE, values.targetGroupExperience),
        // Said where the change was made: the page opens at that section.
        savedAddresses: lists.saved?.list === 'addresses' ? t(`employers.saved.${lists.saved.message}`) : undefined,
        savedContacts: lists.saved?.list === 'contact-persons' ? t(`employers.saved.${lists.saved.message}`) : undefined,
        addresses: employer?.addresses.map((address, index) => ({ ...address, index })),
        contactPersons: employer?.contactPersons.map((person, index) => ({ ...person, index })),
        addressValues: lists.address ?? {},
        contactValues: lists.contact ?? {},
      },
      status,
    );
  }
}

/** A list's entries as the service takes them back, so the ones not touched are stored as they were. */
function listEntries(employer: EmployerDto, list: ListName): Array<EmployerAddressDto | EmployerContactPersonDto> {
  return list === 'addresses' ? addressInputs(employer) : employer.contactPersons;
}

/** Who can be the employer's contact: the organisation's coaches and team leads; one who has left shows as such until replaced. */
function coachOptions(
  caseworkers: Array<{ membershipId: string; name: string }>,
  current: FormBody[string],
  t: (key: string) => string,
): Array<{ value: string; label: string }> {
  const chosen = typeof current === 'string' ? current : '';
  const options = caseworkers.map((coach) => ({ value: coach.membershipId, label: coach.name }));
  if (!chosen) return [{ value: '', label: t('employers.contactCoach.none') }, ...options];
  if (!options.some((option) => option.value === chosen)) return [{ value: chosen, label: t('employers.contactCoach.former') }, ...options];
  return options;
}

/** A domain refusal's fields, or, when someone else saved the employer first, the conflict: said on the form, not as an error page. */
function refusalOrConflict(error: unknown): InvalidParam[] | undefined {
  return (
    problemParams(error) ??
    (error instanceof ProblemException && error.getStatus() === 409 ? [{ name: 'version', reason: 'conflict' }] : undefined)
  );
}
