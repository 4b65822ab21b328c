import { AuditEvent } from '../../audit/entities/audit-event.entity.js';
import { Consent } from '../../consents/entities/consent.entity.js';
import { Employer } from '../../employers/entities/employer.entity.js';
import { Membership } from '../../identity/entities/membership.entity.js';
import { OneTimeToken } from '../../identity/entities/one-time-token.entity.js';
import { Session } from '../../identity/entities/session.entity.js';
import { UserAccount } from '../../identity/entities/user-account.entity.js';
import { MailMessage } from '../mail/entities/mail-message.entity.js';
import { Organisation } from '../../organisations/entities/organisation.entity.js';
import { Funder } from '../../organisations/entities/funder.entity.js';
import { Team } from '../../organisations/entities/team.entity.js';
import { CaseloadShare } from '../../participants/entities/caseload-share.entity.js';
import { Participant } from '../../participants/entities/participant.entity.js';
import { Match, MatchEvent } from '../../matching/entities/match.entity.js';
import {
  GoalProgress,
  ParticipantBarrier,
  ParticipantCapacity,
  ParticipantProfile,
  TrajectoryGoal,
  WorkBehaviourObservation,
} from '../../profiles/entities/participant-profile.entity.js';
import { PostcodeArea } from '../../reference-data/entities/postcode-area.entity.js';
import { Vacancy } from '../../vacancies/entities/vacancy.entity.js';
import { Placement } from '../../placements/entities/placement.entity.js';
import { SubsidyDecision, SubsidyPayment, SubsidyStatement } from '../../placements/entities/subsidy.entities.js';
import { WageValueAssessment } from '../../placements/entities/wage-value-assessment.entity.js';
import { OrganisationRuleParameter } from '../../rule-parameters/entities/organisation-rule-parameter.entity.js';
import { CoachTask } from '../../tasks/entities/coach-task.entity.js';
import { CheckinPreparation, ContactLog, PlacementEvent } from '../../aftercare/entities/aftercare-records.entity.js';
import { Checkin } from '../../aftercare/entities/checkin.entity.js';
import { HandoverMeeting } from '../../aftercare/entities/handover-meeting.entity.js';
import { JobcoachGrant, JobcoachHours } from '../../jobcoach-funding/entities/jobcoach.entities.js';
import { QuotaReportedHours } from '../../quota/entities/quota-reported-hours.entity.js';
import { HelpRequest, HelpRequestMessage } from '../../help-requests/entities/help-request.entity.js';
import { ImportRejection, ImportRun, ImportUpdate } from '../../imports/entities/import-run.entity.js';
import { ErasureRecord } from '../../privacy/entities/erasure-record.entity.js';

/**
 * Every entity, listed once for the app and the migration CLI alike. A list,
 * not a glob, because globs do not load TypeScript sources under ESM tests.
 */
export const entities = [
  MailMessage,
  ErasureRecord,
  Organisation,
  Team,
  Funder,
  UserAccount,
  Membership,
  Session,
  OneTimeToken,
  Employer,
  Participant,
  CaseloadShare,
  Consent,
  AuditEvent,
  PostcodeArea,
  Vacancy,
  ParticipantProfile,
  ParticipantCapacity,
  WorkBehaviourObservation,
  ParticipantBarrier,
  TrajectoryGoal,
  GoalProgress,
  Match,
  MatchEvent,
  OrganisationRuleParameter,
  Placement,
  WageValueAssessment,
  SubsidyStatement,
  SubsidyDecision,
  SubsidyPayment,
  CoachTask,
  HandoverMeeting,
  Checkin,
  CheckinPreparation,
  ContactLog,
  PlacementEvent,
  QuotaReportedHours,
  JobcoachGrant,
  JobcoachHours,
  HelpRequest,
  HelpRequestMessage,
  ImportRun,
  ImportRejection,
  ImportUpdate,
];
