import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OrganisationsService } from '../../organisations/organisations.service.js';
import { ParticipantsService } from '../../participants/participants.service.js';
import { TARGET_GROUPS } from '../../participants/target-groups.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam, ProblemException } from '../../platform/http/problem.js';
import { reportLabel } from '../../reports/report-labels.js';
import { type FormBody, formField, submitOrShowAgain } from '../form.js';
import { formErrors, PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach.i18n.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;
const WHO = ['admin', 'team_lead', 'jobcoach'] as const;

/** Who pays for a participant's trajectory and the target group it falls under: what the outcome reports count by. */
@PortalController('portal/caseload')
export class CoachTrajectoryController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly organisations: OrganisationsService,
    private readonly portal: PortalContext,
  ) {}

  @Get(':participantId/trajectory')
  @Policy({ roles: WHO, resource: PARTICIPANT })
  async page(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
    @Query('saved') saved?: string,
  ): Promise<void> {
    await this.show(actor, request, response, participantId, { saved: saved === '1' });
  }

  @Post(':participantId/trajectory')
  @Policy({ roles: WHO, resource: PARTICIPANT })
  async save(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const funderId = formField(body, 'funderId') ?? '';
    const targetGroup = formField(body, 'targetGroup') ?? '';
    const values = { funderId, targetGroup };
    const group = TARGET_GROUPS.find((item) => item === targetGroup);
    if (targetGroup && !group) {
      return this.show(
        actor,
        request,
        response,
        participantId,
        { values, params: [{ name: 'targetGroup', reason: 'must be one of the choices' }] },
        400,
      );
    }
    const version = Number(formField(body, 'version'));
    await submitOrShowAgain(
      async () => {
        await this.participants.update(actor, participantId, {
          funderId: funderId || null,
          targetGroup: group ?? null,
          ...(Number.isInteger(version) ? { version } : {}),
        });
        response.redirect(303, `/portal/caseload/${participantId}/trajectory?saved=1`);
      },
      (params, error) =>
        this.show(actor, request, response, participantId, { values, params }, error instanceof ProblemException ? error.getStatus() : 422),
    );
  }

  private async show(
    actor: Actor,
    request: Request,
    response: Response,
    participantId: string,
    input: { values?: { funderId: string; targetGroup: string }; params?: InvalidParam[]; saved?: boolean },
    status = 200,
  ): Promise<void> {
    const t = (key: string) => this.portal.t(request, key);
    const locale = this.portal.locale(request);
    const [participant, funders] = await Promise.all([
      this.participants.get(actor, participantId),
      this.organisations.funders(actor.organisationId),
    ]);
    const labels = { funderId: t('coach.trajectory.funder'), targetGroup: t('coach.trajectory.targetGroup') };
    this.portal.send(
      request,
      response,
      'coach/trajectory',
      {
        title: t('coach.trajectory.title'),
        participant,
        saved: input.saved,
        values: input.values ?? { funderId: participant.funderId ?? '', targetGroup: participant.targetGroup ?? '' },
        errors: input.params ? formErrors(input.params, labels, locale) : undefined,
        funderOptions: [
          { value: '', label: t('coach.trajectory.unknown') },
          ...funders.map((funder) => ({ value: funder.id, label: funder.name })),
        ],
        targetGroupOptions: [
          { value: '', label: t('coach.trajectory.unknown') },
          ...TARGET_GROUPS.map((group) => ({ value: group, label: reportLabel(locale, `targetGroup.${group}`) })),
        ],
      },
      status,
    );
  }
}
