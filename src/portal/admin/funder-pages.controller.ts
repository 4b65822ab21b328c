import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CreateFunderDto } from '../../organisations/dto/organisation.dto.js';
import { FUNDER_KINDS } from '../../organisations/funder-kinds.js';
import { OrganisationsService } from '../../organisations/organisations.service.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam, ProblemException } from '../../platform/http/problem.js';
import { type FormBody, parseForm, submitOrShowAgain } from '../form.js';
import { formErrors, PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './admin.i18n.js';

const FIELDS = ['name', 'kind'] as const;

/** Who pays for trajectories: the admin lists and adds funders, then invites their people from the users page. */
@PortalController('portal/admin/funders')
export class FunderPagesController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly portal: PortalContext,
  ) {}

  @Get()
  @Policy({ roles: ['admin'] })
  async list(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Query('added') added?: string,
  ): Promise<void> {
    await this.page(actor, request, response, { values: { kind: 'municipality' }, added: added === '1' });
  }

  @Post()
  @Policy({ roles: ['admin'] })
  async create(@CurrentActor() actor: Actor, @Req() request: Request, @Res() response: Response, @Body() body: FormBody): Promise<void> {
    const values = Object.fromEntries(FIELDS.map((field) => [field, body[field]]));
    const { value, invalidParams } = await parseForm(CreateFunderDto, body);
    if (!value) return this.page(actor, request, response, { values, params: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        await this.organisations.createFunder(actor, value);
        response.redirect(303, '/portal/admin/funders?added=1');
      },
      (params, error) =>
        this.page(actor, request, response, { values, params }, error instanceof ProblemException ? error.getStatus() : 422),
      (error) =>
        error instanceof ProblemException && error.getStatus() === 409
          ? [{ name: 'name', reason: this.portal.t(request, 'admin.funders.taken') }]
          : undefined,
    );
  }

  private async page(
    actor: Actor,
    request: Request,
    response: Response,
    input: { values: Record<string, unknown>; params?: InvalidParam[]; added?: boolean },
    status = 200,
  ): Promise<void> {
    const t = (key: string) => this.portal.t(request, key);
    const funders = await this.organisations.funders(actor.organisationId);
    const labels = { name: t('admin.funders.name'), kind: t('admin.funders.kind') };
    this.portal.send(
      request,
      response,
      'admin/funders',
      {
        title: t('admin.funders.title'),
        added: input.added,
        funders: funders.map((funder) => ({ name: funder.name, kind: t(`admin.funders.kind.${funder.kind}`) })),
        values: input.values,
        errors: input.params ? formErrors(input.params, labels, this.portal.locale(request)) : undefined,
        kindOptions: FUNDER_KINDS.map((kind) => ({ value: kind, label: t(`admin.funders.kind.${kind}`) })),
      },
      status,
    );
  }
}
