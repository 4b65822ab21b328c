import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../platform/auth/actor.js';
import { NotFoundProblem } from '../../platform/http/problem.js';
import { ConsentsService } from '../../consents/consents.service.js';
import { MATCH_TRANSITIONS, type MatchStatus } from '../../matching/entities/match.entity.js';
import { ParticipantsService } from '../../participants/participants.service.js';
import { ProfilesService } from '../../profiles/profiles.service.js';
import { PortalContext } from '../portal-context.js';
import { sentence } from './coach-support.js';

const DONE = ['proposed', 'introduced', 'trial_placement_agreed'];

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const matches: Array<{
      id: string;
      status: MatchStatus;
      score: number | null;
      vacancy_id: string;
      title: string;
      employer: string;
      employer_id: string;
    }> = await this.dataSource.query(
      `SELECT m.id, m.status, m.score::float8 AS score, m.vacancy_id, v.title, e.name AS employer, m.employer_id
           FROM match m JOIN vacancy v ON v.id = m.vacancy_id JOIN employer e ON e.id = m.employer_id
          WHERE m.participant_id = $1 AND m.organisation_id = $2 ORDER BY m.created_at DESC`,
      [participantId, actor.organisationId],
    );
    const placements: Array<{
      id: string;
      status: string;
      employer: string;
      match_id: string | null;
      trial_start: string | null;
      contract_start: string | null;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT pl.id, pl.status, e.name AS employer, pl.match_id, to_char(pl.trial_start, 'YYYY-MM-DD') AS trial_start,
                to_char(pl.contract_start, 'YYYY-MM-DD') AS contract_start, pl.created_at
           FROM placement pl JOIN employer e ON e.id = pl.employer_id
          WHERE pl.participant_id = $1 AND pl.organisation_id = $2 ORDER BY pl.created_at DESC`,
      [participantId, actor.organisationId],
    );
    const checkins: Array<{ id: string; placement_id: string; due_on: string; status: string; held_on: string | null }> =
      await this.dataSource.query(
        `SELECT c.id, c.placement_id, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.status, to_char(c.held_on, 'YYYY-MM-DD') AS held_on
         FROM checkin c JOIN placement pl ON pl.id = c.placement_id
        WHERE pl.participant_id = $1 AND c.organisation_id = $2 AND c.status <> 'cancelled' ORDER BY c.due_on`,
        [participantId, actor.organisationId],
      );
    const contacts: Array<{ at: Date; channel: string; with_party: string; checkin_id: string | null }> = await this.dataSource.query(
      `SELECT at, channel, with_party, checkin_id FROM contact_log WHERE participant_id = $1 AND organisation_id = $2 ORDER BY at DESC LIMIT 50`,
      [participantId, actor.organisationId],
    );
    const t = (key: string, values: Record<string, unknown> = {}) => this.portal.t(request, key, values);
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
      participant,
      profile,
      consents,
      timeline,
      placements: placements.map((pl) => ({ ...pl, statusLabel: t(`coach.placementStatus.${pl.status}`) })),
      matches: matches.map((m) => ({
        ...m,
        statusLabel: t(`coach.matchStatus.${m.status}`),
        canIntroduce: MATCH_TRANSITIONS[m.status].includes('introduced'),
        canAgreeTrial: MATCH_TRANSITIONS[m.status].includes('trial_placement_agreed'),
        canStartTrial: m.status === 'trial_placement_agreed' && !placementByMatch.has(m.id),
      })),
    };
  }
}
