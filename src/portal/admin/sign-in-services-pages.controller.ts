import { Body, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CreateOidcProviderDto } from '../../identity/oidc/dto/oidc-provider.dto.js';
import { OidcService } from '../../identity/oidc/oidc.service.js';
import type { Actor } from '../../platform/auth/actor.js';
import { ASSURANCE_LEVELS, type AssuranceLevel, assuranceName } from '../../platform/auth/assurance.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam, InvalidInputException } from '../../platform/http/problem.js';
import { type FormBody, formField, parseForm, submitOrShowAgain } from '../form.js';
import { formErrors, PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import type { FormParam } from '../validation-messages.js';
import './sign-in-services.i18n.js';

const PATH = '/portal/admin/sign-in-services';
type ProviderSummary = Awaited<ReturnType<OidcService['providersFor']>>[number];
const FIELDS = [
  'label',
  'issuer',
  'clientId',
  'scopes',
  'subjectClaim',
  'kvkClaim',
  'acrLow',
  'acrSubstantial',
  'acrHigh',
  'participantMin',
  'employerMin',
] as const;
const LEVEL_FIELDS = [
  ['acrLow', 'low'],
  ['acrSubstantial', 'substantial'],
  ['acrHigh', 'high'],
] as const;
/** The service's refusals, by the name it gives: the form field it is about and its Dutch message. */
const SERVICE_REFUSALS: Record<string, [field: string, key: string]> = {
  label: ['label', 'admin.signIn.error.label'],
  issuer: ['issuer', 'admin.signIn.error.issuer'],
  clientId: ['clientId', 'admin.signIn.error.clientId'],
  scopes: ['scopes', 'admin.signIn.error.scopes'],
  assuranceLevels: ['acrLow', 'admin.signIn.error.acr'],
  participantMinAssurance: ['participantMin', 'admin.signIn.error.roles'],
  kvkClaim: ['kvkClaim', 'admin.signIn.error.kvkClaim'],
};

/** The admin's page for the organisation's sign-in services (DigiD and eHerkenning brokers); the client secret is never shown. */
@PortalController('portal/admin/sign-in-services')
export class SignInServicesPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly oidc: OidcService,
  ) {}

  @Get()
  @Policy({ roles: ['admin'] })
  async list(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('changed') changed?: string,
    @Query('added') added?: string,
  ): Promise<void> {
    await this.page(actor, request, response, { values: {}, changed, added });
  }

  @Post()
  @Policy({ roles: ['admin'] })
  async add(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    // The secret is never sent back to the browser, not even on a form with errors.
    const values = Object.fromEntries(FIELDS.map((field) => [field, body[field]]));
    const { value, invalidParams } = await parseForm(CreateOidcProviderDto, body);
    if (!value) return this.page(actor, request, response, { values, params: invalidParams }, 400);
    const level = (name: string | undefined) => (name ? ASSURANCE_LEVELS[name as AssuranceLevel] : null);
    await submitOrShowAgain(
      async () => {
        const id = await this.oidc.addProviderAs(actor, {
          label: value.label,
          issuer: value.issuer,
          clientId: value.clientId,
          clientSecret: value.clientSecret,
          scopes: value.scopes ?? 'openid',
          subjectClaim: value.subjectClaim ?? 'sub',
          kvkClaim: value.kvkClaim ?? null,
          // A broker may send more than one code for a level (DigiD's "midden" and "substantieel"): separated by spaces.
          assuranceLevels: Object.fromEntries(
            LEVEL_FIELDS.flatMap(([field, name]) =>
              (value[field] ?? '')
                .split(/[\s,]+/)
                .filter(Boolean)
                .map((acr) => [acr, ASSURANCE_LEVELS[name]]),
            ),
          ),
          participantMinAssurance: level(value.participantMin),
          employerMinAssurance: level(value.employerMin),
        });
        response.redirect(303, `${PATH}?added=${id}`);
      },
      (params) => this.page(actor, request, response, { values, params }, 422),
    );
  }

  /** Turns a sign-in service off (its button goes from the sign-in page; links stay) or on again. */
  @Post(':id/state')
  @Policy({ roles: ['admin'] })
  async setState(
    @CurrentActor() actor: Actor,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const state = formField(body, 'active');
    if (state !== 'on' && state !== 'off') throw new InvalidInputException([{ name: 'active', reason: 'must be on or off' }]);
    await this.oidc.setProviderActive(actor, id, state === 'on');
    response.redirect(303, `${PATH}?changed=${state}`);
  }

  private async page(
    actor: Actor,
    request: Request,
    response: Response,
    input: { values: Record<string, unknown>; params?: FormParam[]; changed?: string; added?: string },
    status = 200,
  ): Promise<void> {
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    const providers = await this.oidc.providersFor(actor);
    const addedRow = input.added ? providers.find((row) => row.id === input.added) : undefined;
    const changed = addedRow
      ? t('admin.signIn.changed.added', { label: addedRow.label })
      : input.changed === 'on' || input.changed === 'off'
        ? t(`admin.signIn.changed.${input.changed}`)
        : undefined;
    const levelOptions = [
      { value: '', label: t('admin.signIn.notForRole') },
      ...(['low', 'substantial', 'high'] as const).map((name) => ({ value: name, label: t(`admin.signIn.level.${name}`) })),
    ];
    this.portal.send(
      request,
      response,
      'admin/sign-in-services',
      {
        title: t('admin.signIn.title'),
        providers: providers.map((row) => this.shown(row, t)),
        changed,
        values: input.values,
        levelOptions,
        errors: input.params ? this.errors(request, input.params) : undefined,
      },
      status,
    );
  }

  private shown(row: ProviderSummary, t: (key: string, values?: Record<string, unknown>) => string) {
    const roles: string[] = [];
    const level = (value: number) => t(`admin.signIn.level.${assuranceName(value) ?? 'low'}`);
    if (row.participantMinAssurance !== null) roles.push(t('admin.signIn.forParticipants', { level: level(row.participantMinAssurance) }));
    if (row.employerMinAssurance !== null) roles.push(t('admin.signIn.forEmployers', { level: level(row.employerMinAssurance) }));
    const active = row.disabledAt === null;
    return {
      id: row.id,
      label: row.label,
      issuer: row.issuer,
      roles,
      active,
      stateText: t(active ? 'admin.signIn.active' : 'admin.signIn.inactive'),
      action: active ? 'off' : 'on',
      actionText: t(active ? 'admin.signIn.turnOff' : 'admin.signIn.turnOn', { label: row.label }),
    };
  }

  /** The form's errors: the DTO's through the portal's messages, the service's refusals with their own Dutch text. */
  private errors(request: Request, params: Array<FormParam | InvalidParam>) {
    const labels = Object.fromEntries([...FIELDS, 'clientSecret'].map((field) => [field, this.portal.t(request, `admin.signIn.${field}`)]));
    const known = params.filter((param) => SERVICE_REFUSALS[param.name]);
    const errors = formErrors(
      params.filter((param) => !SERVICE_REFUSALS[param.name]),
      labels,
      this.portal.locale(request),
    );
    for (const param of known) {
      const [field, key] = SERVICE_REFUSALS[param.name]!;
      errors.byField[field] ??= this.portal.t(request, key);
    }
    return { list: Object.entries(errors.byField).map(([field, message]) => ({ field, message })), byField: errors.byField };
  }
}
