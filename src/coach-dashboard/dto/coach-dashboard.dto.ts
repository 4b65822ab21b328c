import { ApiProperty } from '@nestjs/swagger';
import { HELP_STATUSES, HELP_URGENCIES, type HelpStatus, type HelpUrgency } from '../../help-requests/help-request.constants.js';

export class TodayCheckinDto {
  @ApiProperty({ format: 'uuid' })
  checkinId: string;

  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ example: 'Fatima El Amrani' })
  participantName: string;

  @ApiProperty({ example: 'Bakkerij De Korenschoof' })
  employerName: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-03-02' })
  dueOn: string;

  @ApiProperty({ example: true, description: 'The participant filled in the check-in preparation on the portal.' })
  prepared: boolean;
}

export class TodayCheckinsDto {
  @ApiProperty({ type: [TodayCheckinDto], description: 'Planned and due before today.' })
  overdue: TodayCheckinDto[];

  @ApiProperty({ type: [TodayCheckinDto] })
  dueToday: TodayCheckinDto[];

  @ApiProperty({ type: [TodayCheckinDto], description: 'Due in the next seven days.' })
  upcoming: TodayCheckinDto[];
}

export class TodayHelpRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: HELP_URGENCIES, example: 'high' })
  urgency: HelpUrgency;

  @ApiProperty({ enum: HELP_STATUSES, example: 'new' })
  status: HelpStatus;

  @ApiProperty({ type: String, nullable: true, example: 'Fatima El Amrani' })
  requesterName: string | null;

  @ApiProperty({
    enum: ['participant', 'employer_user'],
    example: 'participant',
    description: 'Who asked: the participant or an employer.',
  })
  requesterRole: 'participant' | 'employer_user';

  @ApiProperty({ example: 'conflict_at_work', description: 'The topic the requester chose.' })
  category: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: "The employer's name, when an employer asked." })
  employerName: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  acknowledgeBy: string;

  @ApiProperty({ example: false, description: 'Still new after the acknowledge-by moment.' })
  late: boolean;

  @ApiProperty({ example: false })
  escalated: boolean;
}

export class TodayRiskFlagDto {
  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ example: 'Fatima El Amrani' })
  participantName: string;

  @ApiProperty({ example: 'Bakkerij De Korenschoof' })
  employerName: string;

  @ApiProperty({ example: 2, description: 'How many reasons; the reasons themselves are on the placement.' })
  reasonCount: number;

  @ApiProperty({ type: [String], example: ['lateness'], description: 'The signals behind the risk flag (codes).' })
  riskSignals: string[];

  @ApiProperty({ type: [String], example: ['lateness'], description: 'The signals noted at the latest recorded check-in (codes).' })
  lastSignals: string[];

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-02-27' })
  lastCheckinOn: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  raisedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastContactAt: string | null;
}

export class TodayHandoverDto {
  @ApiProperty({ format: 'uuid' })
  handoverMeetingId: string;

  @ApiProperty({ format: 'uuid' })
  placementId: string;

  @ApiProperty({ example: 'Fatima El Amrani' })
  participantName: string;

  @ApiProperty({ example: 'Bakkerij De Korenschoof' })
  employerName: string;

  @ApiProperty({ type: String, format: 'date-time' })
  startsAt: string;

  @ApiProperty({ example: true })
  participantConfirmed: boolean;

  @ApiProperty({ example: false })
  employerConfirmed: boolean;
}

export class CoachTodayDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-03-02', description: 'Today in the Netherlands.' })
  today: string;

  @ApiProperty({ type: TodayCheckinsDto })
  checkins: TodayCheckinsDto;

  @ApiProperty({ type: [TodayHelpRequestDto], description: 'Open requests assigned to you: most urgent, then oldest first.' })
  helpRequests: TodayHelpRequestDto[];

  @ApiProperty({ type: [TodayRiskFlagDto] })
  riskFlags: TodayRiskFlagDto[];

  @ApiProperty({ type: [TodayHandoverDto], description: 'Handover meetings in the next 14 days.' })
  handovers: TodayHandoverDto[];
}

export class CoachWorkloadDto {
  @ApiProperty({ format: 'uuid' })
  membershipId: string;

  @ApiProperty({ example: 'Sanne de Vries' })
  name: string;

  @ApiProperty({ enum: ['jobcoach', 'team_lead'], example: 'jobcoach' })
  role: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  absentUntil: string | null;

  @ApiProperty({ example: 24, description: 'Participants with this coach.' })
  caseloadSize: number;

  @ApiProperty({ example: 6 })
  placementsInAftercare: number;

  @ApiProperty({ example: 1 })
  overdueCheckins: number;

  @ApiProperty({ example: 2 })
  openHelpRequests: number;

  @ApiProperty({ example: 0, description: 'Open requests that were escalated for not being acknowledged in time.' })
  escalatedHelpRequests: number;

  @ApiProperty({
    enum: ['within', 'near', 'over'],
    example: 'within',
    description: "over: more participants than the team's limit; near: at 90% of it, or with overdue check-ins or escalations.",
  })
  load: CoachLoad;
}

export type CoachLoad = 'within' | 'near' | 'over';

export class TeamWorkloadDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  teamId: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 30,
    description: 'How many participants one coach of the team should carry at most.',
  })
  caseloadLimit: number | null;

  @ApiProperty({ type: [CoachWorkloadDto] })
  coaches: CoachWorkloadDto[];
}
