import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OrganisationsService } from '../../organisations/organisations.service.js';
import { ParticipantsService } from '../../participants/participants.service.js';
import { CreateGoalDto } from '../../profiles/dto/profile.dto.js';
import { ProfilesService } from '../../profiles/profiles.service.js';
import { INTERMEDIATE_GOALS } from '../../reference-data/taxonomies.js';
import { TARGET_GROUPS } from '../../participants/target-groups.js';
import type { Actor } from '../../platform/auth/actor.js';
import { CurrentActor } from '../../platform/auth/current-actor.decorator.js';
import { Policy } from '../../platform/auth/policy.decorator.js';
import { type InvalidParam, ProblemException } from '../../platform/http/problem.js';
import { reportLabel } from '../../reports/report-labels.js';
import { type FormBody, formField, parseForm, submitOrShowAgain } from '../form.js';
import { formErrors, PortalContext } from '../portal-context.js';
import { PortalController } from '../portal-controller.decorator.js';
import './coach.i18n.js';

const PARTICIPANT = { kind: 'participant', param: 'participantId' } as const;
const WHO = ['admin', 'team_lead', 'jobcoach'] as const;

/**
 * The participant's trajectory plan: who pays for it and the target group it falls under (what the outcome reports
 * count by), and its goals (what jobcoach hours are linked to).
 */
@PortalController('portal/caseload')
export class CoachTrajectoryController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly organisations: OrganisationsService,
    private readonly profiles: ProfilesService,
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
    await this.show(actor, request, response, participantId, { saved: saved === '1', goalSaved: saved === 'goal' });
  }

  @Post(':participantId/goals')
  @Policy({ roles: WHO, resource: PARTICIPANT })
  async addGoal(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
    @Param('participantId') participantId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const goalValues = { code: formField(body, 'code') ?? '', targetDate: formField(body, 'targetDate') ?? '' };
    const { value, invalidParams } = await parseForm(CreateGoalDto, {
      code: goalValues.code,
      ...(goalValues.targetDate ? { targetDate: goalValues.targetDate } : {}),
    });
    if (!value) return this.show(actor, request, response, participantId, { goalValues, goalParams: invalidParams }, 400);
    await submitOrShowAgain(
      async () => {
        // The participant must be visible to the actor (the policy checked the route; this also refuses an erased one).
        await this.participants.findVisible(actor, participantId);
        await this.profiles.addGoal(actor, participantId, value);
        response.redirect(303, `/portal/caseload/${participantId}/trajectory?saved=goal#goals`);
      },
      (params, error) =>
        this.show(
          actor,
          request,
          response,
          participantId,
          { goalValues, goalParams: params },
          error instanceof ProblemException ? error.getStatus() : 422,
        ),
    );
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
    input: {
      values?: { funderId: string; targetGroup: string };
      params?: InvalidParam[];
      saved?: boolean;
      goalValues?: { code: string; targetDate: string };
      goalParams?: InvalidParam[];
      goalSaved?: boolean;
    },
    status = 200,
  ): Promise<void> {
    const t = (key: string) => this.portal.t(request, key);
    const locale = this.portal.locale(request);
    const [participant, funders, goals] = await Promise.all([
      this.participants.get(actor, participantId),
      this.organisations.funders(actor.organisationId),
      this.profiles.goalNames(actor.organisationId, participantId),
    ]);
    const labels = { funderId: t('coach.trajectory.funder'), targetGroup: t('coach.trajectory.targetGroup') };
    const goalLabels = { code: t('coach.goals.code'), targetDate: t('coach.goals.targetDate') };
    const params = input.params ?? input.goalParams;
    this.portal.send(
      request,
      response,
      'coach/trajectory',
      {
        title: t('coach.trajectory.title'),
        participant,
        saved: input.saved,
        values: input.values ?? { funderId: participant.funderId ?? '', targetGroup: participant.targetGroup ?? '' },
        errors: params ? formErrors(params, input.params ? labels : goalLabels, locale) : undefined,
        goals: goals.map((goal) => ({ name: locale === 'nl' ? goal.nl : goal.en, targetDate: goal.targetDate })),
        goalSaved: input.goalSaved,
        goalValues: input.goalValues ?? { code: '', targetDate: '' },
        goalOptions: [
          { value: '', label: t('coach.goals.choose') },
          ...INTERMEDIATE_GOALS.map((goal) => ({ value: goal.code, label: locale === 'nl' ? goal.nl : goal.en })),
        ],
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
