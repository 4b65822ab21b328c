import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '../../platform/auth/actor.js';
import { NotFoundProblem } from '../../platform/http/problem.js';
import { ConsentsService } from '../../consents/consents.service.js';
import { AftercareService } from '../../aftercare/aftercare.service.js';
import { CoachDashboardService } from '../../coach-dashboard/coach-dashboard.service.js';
import { EarlyWarningService } from '../../aftercare/early-warning.service.js';
import { displayScore } from '../../matching/criteria.js';
import { ADAPTATIONS, label } from '../../reference-data/taxonomies.js';
import { MATCH_TRANSITIONS } from '../../matching/dto/match.dto.js';
import { ParticipantsService } from '../../participants/participants.service.js';
import { ProfilesService } from '../../profiles/profiles.service.js';
import { OccupationsService } from '../../reference-data/occupations.service.js';
import { PortalContext } from '../portal-context.js';
import { sentence } from './coach-support.js';
import './employer-facing.i18n.js';
import { riskView } from './risk-view.js';

const DONE = ['proposed', 'introduced', 'trial_placement_agreed', 'contract_agreed'];

interface TimelineItem {
  date: string;
  kind: string;
  text: string;
  href?: string;
}

/** The participant page's data: profile, timeline, matches, placements, consents. */
@Injectable()
export class CoachParticipantView {
  constructor(
    private readonly portal: PortalContext,
    private readonly participants: ParticipantsService,
    private readonly profiles: ProfilesService,
    private readonly consents: ConsentsService,
    private readonly dashboard: CoachDashboardService,
    private readonly aftercare: AftercareService,
    private readonly occupations: OccupationsService,
    private readonly earlyWarning: EarlyWarningService,
  ) {}

  /** Everything the participant page shows; also used to re-show it with an error from an action. */
  async participantData(actor: Actor, request: Request, participantId: string): Promise<Record<string, unknown>> {
    const locale = this.portal.locale(request);
    const participant = await this.participants.get(actor, participantId);
    const profile = await this.profiles.get(actor, participantId).catch((error: unknown) => {
      if (error instanceof NotFoundProblem) return null;
      throw error;
    });
    const consents = (await this.consents.list(actor, participantId)).map((consent) => ({
      ...consent,
      text: sentence(locale, consent.explanation),
    }));
    const { matches, placements } = await this.dashboard.participantWork(actor, participantId);
    const wishes = profile?.occupationWishes ?? [];
    const wishNames = await this.occupations.groupTitles(wishes, locale);
    const { checkins, contacts } = await this.aftercare.participantHistory(actor, participantId);
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
    // Each placement's open warnings with what was done about them; the placement page has the details and the form.
    const openWarnings = new Map<string, Array<ReturnType<typeof riskView>>>();
    for (const pl of placements) {
      const open = (await this.earlyWarning.forPlacement(actor, pl.id)).filter((risk) => risk.state !== 'resolved');
      if (open.length > 0)
        openWarnings.set(
          pl.id,
          open.map((risk) => riskView(risk, t)),
        );
    }
    const timeline: TimelineItem[] = [
      ...placements.flatMap((pl) => [
        ...(pl.trial_start
          ? [{ date: pl.trial_start, kind: t('coach.timeline.trial'), text: pl.employer, href: `/portal/placements/${pl.id}` }]
          : []),
        ...(pl.contract_start
          ? [{ date: pl.contract_start, kind: t('coach.timeline.contract'), text: pl.employer, href: `/portal/placements/${pl.id}` }]
          : []),
      ]),
      ...checkins.map((c) => ({
        date: c.held_on ?? c.due_on,
        kind: t('coach.timeline.checkin'),
        text: t(`coach.checkinStatus.${c.status}`),
        href: c.status === 'planned' ? `/portal/checkins/${c.id}` : undefined,
      })),
      ...contacts
        .filter((c) => !c.checkin_id)
        .map((c) => ({
          date: c.at.toISOString().slice(0, 10),
          kind: t('coach.timeline.contact'),
          text: `${t(`coach.channel.${c.channel}`)}, ${t(`coach.party.${c.with_party}`)}`,
        })),
    ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    const placementByMatch = new Set(placements.map((pl) => pl.match_id).filter(Boolean));
    const done =
      typeof request.query.done === 'string' && DONE.includes(request.query.done) ? t(`coach.done.${request.query.done}`) : undefined;
    return {
      title: `${participant.firstName} ${participant.lastName}`,
      done,
      adaptationLabels: (profile?.needsAdaptations ?? []).map((code) => label(ADAPTATIONS, code, locale)),
      participant,
      profile,
      occupationWishNames: wishes.map((code) => wishNames.get(code) ?? code),
      consents,
      timeline,
      placements: placements.map((pl) => ({
        ...pl,
        statusLabel: t(`coach.placementStatus.${pl.status}`),
        warnings: openWarnings.get(pl.id) ?? [],
      })),
      matches: matches.map((m) => ({
        ...m,
        score: displayScore(m.score),
        statusLabel: t(`coach.matchStatus.${m.status}`),
        employerAnswerLabel: m.employer_answer ? t(`coach.employerAnswer.${m.employer_answer}`) : undefined,
        canIntroduce: MATCH_TRANSITIONS[m.status].includes('introduced'),
        canAgreeTrial: MATCH_TRANSITIONS[m.status].includes('trial_placement_agreed'),
        canAgreeContract: MATCH_TRANSITIONS[m.status].includes('contract_agreed') && m.status !== 'trial_placement_agreed',
        canStartTrial: ['trial_placement_agreed', 'contract_agreed'].includes(m.status) && !placementByMatch.has(m.id),
      })),
    };
  }
}
