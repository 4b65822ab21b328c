import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { uuidParam } from '../../platform/http/validation.js';
import {
  CreateHelpRequestDto,
  CreateHelpRequestMessageDto,
  type HelpRequestDto,
  HelpRequestStatusChangeDto,
} from '../../help-requests/dto/help-request.dto.js';
import {
  EMPLOYER_HELP_CATEGORIES,
  HELP_CHANNELS,
  HELP_TRANSITIONS,
  HELP_URGENCIES,
  OPEN_HELP_STATUSES,
  PARTICIPANT_HELP_CATEGORIES,
} from '../../help-requests/help-request.constants.js';
import { HelpRequestsService } from '../../help-requests/help-requests.service.js';
import { EmployerPlacementsService } from '../../placements/employer-placements.service.js';
import { type FormBody, parseForm, submitOrShowAgain } from '../form.js';
import type { FormErrors } from '../portal-context.js';
import { PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './help.i18n.js';
import './employer-help.i18n.js';
import { choices, pageErrors, pageNumber } from './page-support.js';

const REQUESTERS = ['participant', 'employer_user'] as const;
const PAGE_SIZE = 20;

/** Messages of our own where the DTO's reason would be technical. */
const HELP_MESSAGES = {
  category: 'help.error.category',
  urgency: 'help.error.urgency',
  preferredChannel: 'help.error.preferredChannel',
  preferredTime: 'help.error.preferredTime',
  body: 'help.error.body',
  aboutPlacementId: 'help.error.aboutPlacementId',
};

/**
 * "Ik wil hulp": the help request form, my requests and their messages, for
 * participants and employer users alike, over HelpRequestsService.
 */
@PortalController('portal/help')
export class HelpPagesController {
  constructor(
    private readonly portal: PortalContext,
    private readonly helpRequests: HelpRequestsService,
    private readonly placements: EmployerPlacementsService,
  ) {}

  @Get()
  @Policy({ roles: REQUESTERS })
  async form(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    await this.showForm(request, response, actor, {}, undefined, 200);
  }

  @Post()
  @Policy({ roles: REQUESTERS })
  async create(@Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor, @Body() body: FormBody): Promise<void> {
    const { value, invalidParams } = await parseForm(CreateHelpRequestDto, body);
    if (!value) return this.showForm(request, response, actor, body, invalidParams, 400);
    await submitOrShowAgain(
      async () => {
        const created = await this.helpRequests.create(actor, value);
        response.redirect(303, `/portal/help/requests/${created.id}?sent=1`);
      },
      (params) => this.showForm(request, response, actor, body, params, 400),
    );
  }

  @Get('requests')
  @Policy({ roles: REQUESTERS })
  async list(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Query('page') rawPage?: string,
  ): Promise<void> {
    const page = pageNumber(rawPage);
    const result = await this.helpRequests.list(actor, { page, pageSize: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    this.portal.send(request, response, 'help/requests', {
      title: this.portal.t(request, 'help.requests.title'),
      requests: result.items.map((item) => this.view(request, item)),
      total: result.total,
      previousPage: page > 1 ? page - 1 : undefined,
      nextPage: page < pages ? page + 1 : undefined,
      page,
      pages,
    });
  }

  @Get('requests/:helpRequestId')
  @Policy({ roles: REQUESTERS })
  async detail(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('helpRequestId', uuidParam('helpRequestId')) id: string,
    @Query('sent') sent?: string,
    @Query('replied') replied?: string,
  ): Promise<void> {
    await this.showDetail(request, response, actor, id, { sent: sent === '1', replied: replied === '1' }, 200);
  }

  @Post('requests/:helpRequestId/messages')
  @Policy({ roles: REQUESTERS })
  async reply(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('helpRequestId', uuidParam('helpRequestId')) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const labels = { body: this.portal.t(request, 'help.reply.label') };
    const locale = this.portal.locale(request);
    const { value, invalidParams } = await parseForm(CreateHelpRequestMessageDto, body);
    const again = (params: typeof invalidParams) =>
      this.showDetail(
        request,
        response,
        actor,
        id,
        { errors: pageErrors(params, labels, locale, { body: 'help.error.reply' }), reply: body.body },
        400,
      );
    if (!value) return again(invalidParams);
    await submitOrShowAgain(
      async () => {
        await this.helpRequests.addMessage(actor, id, value);
        response.redirect(303, `/portal/help/requests/${id}?replied=1#messages`);
      },
      (params) => again(params.map((param) => ({ ...param, name: 'body' }))),
    );
  }

  @Post('requests/:helpRequestId/status')
  @Policy({ roles: REQUESTERS })
  async changeStatus(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('helpRequestId', uuidParam('helpRequestId')) id: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const { value } = await parseForm(HelpRequestStatusChangeDto, body);
    if (value) await this.helpRequests.changeStatus(actor, id, value.status);
    response.redirect(303, `/portal/help/requests/${id}`);
  }

  private async showForm(
    request: Request,
    response: Response,
    actor: Actor,
    values: FormBody,
    invalidParams: Parameters<typeof pageErrors>[0] | undefined,
    status: number,
  ): Promise<void> {
    const locale = this.portal.locale(request);
    const t = (key: string) => this.portal.t(request, key);
    const labels = {
      category: t('help.category.legend'),
      urgency: t('help.urgency.legend'),
      preferredChannel: t('help.channel.legend'),
      preferredTime: t('help.time.label'),
      body: t('help.body.label'),
      aboutPlacementId: t('help.about.label'),
    };
    const errors = invalidParams ? pageErrors(invalidParams, labels, locale, HELP_MESSAGES) : undefined;
    const isEmployer = actor.role === 'employer_user';
    // Only the employer's own employees it may see (placed through the organisation, support disclosed).
    const employees = isEmployer && actor.employerId ? await this.placements.list(actor, actor.employerId) : [];
    const open = await this.helpRequests.list(actor, { page: 1, pageSize: 100 });
    const openCount = open.items.filter((item) => OPEN_HELP_STATUSES.includes(item.status)).length;
    this.portal.send(
      request,
      response,
      'help/form',
      {
        title: t('help.title'),
        errors,
        values,
        isEmployer,
        openCount,
        categories: choices(locale, 'help.category', isEmployer ? EMPLOYER_HELP_CATEGORIES : PARTICIPANT_HELP_CATEGORIES, values.category),
        employees: employees.length
          ? [
              { value: '', label: t('help.about.none') },
              ...employees.map((placement) => ({ value: placement.id, label: placement.employeeName })),
            ]
          : undefined,
        urgencies: choices(locale, 'help.urgency', HELP_URGENCIES, values.urgency, true),
        channels: [
          { value: '', label: t('help.channel.any'), checked: !values.preferredChannel },
          ...choices(locale, 'help.channel', HELP_CHANNELS, values.preferredChannel),
        ],
      },
      status,
    );
  }

  private async showDetail(
    request: Request,
    response: Response,
    actor: Actor,
    id: string,
    extra: { sent?: boolean; replied?: boolean; errors?: FormErrors; reply?: unknown },
    status: number,
  ): Promise<void> {
    const item = await this.helpRequests.get(actor, id);
    const messages = await this.helpRequests.messages(actor, id);
    const allowed = Object.entries(HELP_TRANSITIONS[item.status])
      .filter(([, who]) => who?.includes('requester'))
      .map(([to]) => ({ value: to, label: this.portal.t(request, `help.transition.${to}`) }));
    this.portal.send(
      request,
      response,
      'help/request',
      {
        title: this.portal.t(request, 'help.request.title'),
        request: this.view(request, item),
        messages: messages.map((message) => ({
          ...message,
          author: message.mine
            ? this.portal.t(request, 'help.message.you')
            : (message.authorName ?? this.portal.t(request, 'help.message.staff')),
        })),
        transitions: allowed,
        canReply: item.status !== 'closed',
        ...extra,
      },
      status,
    );
  }

  private view(request: Request, item: HelpRequestDto) {
    const t = (key: string) => this.portal.t(request, key);
    return {
      ...item,
      categoryLabel: t(`help.category.${item.category}`),
      urgencyLabel: t(`help.urgency.${item.urgency}`),
      channelLabel: item.preferredChannel ? t(`help.channel.${item.preferredChannel}`) : t('help.channel.any'),
      statusLabel: t(`help.status.${item.status}`),
      statusExplanation: t(`help.status.${item.status}.explain`),
      open: OPEN_HELP_STATUSES.includes(item.status),
    };
  }
}
