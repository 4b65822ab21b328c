import { CreateMailOutbox1763900000000 } from './1763900000000-CreateMailOutbox.js';
import { CreateIdentityAndPrivacy1763900100000 } from './1763900100000-CreateIdentityAndPrivacy.js';
import { CreateVacanciesProfilesMatching1763900200000 } from './1763900200000-CreateVacanciesProfilesMatching.js';
import { CreatePlacementsAndRules1763900300000 } from './1763900300000-CreatePlacementsAndRules.js';
import { CreateErasureRecord1763900400000 } from './1763900400000-CreateErasureRecord.js';
import { CreateQuotaAndJobcoachFunding1763900500000 } from './1763900500000-CreateQuotaAndJobcoachFunding.js';
import { CreateAftercare1763900600000 } from './1763900600000-CreateAftercare.js';
import { SpeedUpMatching1763900700000 } from './1763900700000-SpeedUpMatching.js';
import { SweepCheckinNotices1763900800000 } from './1763900800000-SweepCheckinNotices.js';
import { HoldMailUntil1763900900000 } from './1763900900000-HoldMailUntil.js';
import { ClaimMailForSending1763901000000 } from './1763901000000-ClaimMailForSending.js';
import { IndexPlacementCoach1763901100000 } from './1763901100000-IndexPlacementCoach.js';
import { PrebuildMailMessage1763901200000 } from './1763901200000-PrebuildMailMessage.js';
import { FixBarrierSupportAction1763901300000 } from './1763901300000-FixBarrierSupportAction.js';
import { MailAboutParticipant1763901400000 } from './1763901400000-MailAboutParticipant.js';
import { GovernRuleParameters1763902100000 } from './1763902100000-GovernRuleParameters.js';
import { ConsentDiscloseTargetGroup1763902200000 } from './1763902200000-ConsentDiscloseTargetGroup.js';
import { RememberTotpStep1763903000000 } from './1763903000000-RememberTotpStep.js';
import { LoadPostcodeCentroids1763903200000 } from './1763903200000-LoadPostcodeCentroids.js';
import { TotpRecoveryCodes1763904000000 } from './1763904000000-TotpRecoveryCodes.js';
import { LoadOccupations1763905000000 } from './1763905000000-LoadOccupations.js';
import { RecordEmployerAnswer1763905100000 } from './1763905100000-RecordEmployerAnswer.js';
import { EmployerHelpTopics1763905200000 } from './1763905200000-EmployerHelpTopics.js';
import { CoachCareWork1763906500000 } from './1763906500000-CoachCareWork.js';
import { CountSignInCodeAttempts1763907000000 } from './1763907000000-CountSignInCodeAttempts.js';
import { CheckinAppointment1763907100000 } from './1763907100000-CheckinAppointment.js';
import { EarlyWarning1763913000000 } from './1763913000000-EarlyWarning.js';
import { OidcSignIn1763908000000 } from './1763908000000-OidcSignIn.js';
import { OutcomeReports1763910000000 } from './1763910000000-OutcomeReports.js';
import { SatisfactionSurveys1763911000000 } from './1763911000000-SatisfactionSurveys.js';
import { JobcoachLogbook1763912100000 } from './1763912100000-JobcoachLogbook.js';
import { ImportUpdates1763914000000 } from './1763914000000-ImportUpdates.js';
import { TopKMatching1763915000000 } from './1763915000000-TopKMatching.js';
import { MatchCandidateKeys1763916000000 } from './1763916000000-MatchCandidateKeys.js';
import { MatchCandidateWorkplace1763917000000 } from './1763917000000-MatchCandidateWorkplace.js';
import { VacancyBucketIndexes1763918000000 } from './1763918000000-VacancyBucketIndexes.js';
import { VacancySkillSets1763919000000 } from './1763919000000-VacancySkillSets.js';
import { VacancyPairBoundIndex1763920000000 } from './1763920000000-VacancyPairBoundIndex.js';
import { MatchCandidateOwnKeys1763921000000 } from './1763921000000-MatchCandidateOwnKeys.js';

/** In order of their timestamps; add each new migration here. */
export const migrations = [
  CreateMailOutbox1763900000000,
  CreateIdentityAndPrivacy1763900100000,
  CreateVacanciesProfilesMatching1763900200000,
  CreatePlacementsAndRules1763900300000,
  CreateErasureRecord1763900400000,
  CreateQuotaAndJobcoachFunding1763900500000,
  CreateAftercare1763900600000,
  SpeedUpMatching1763900700000,
  SweepCheckinNotices1763900800000,
  HoldMailUntil1763900900000,
  ClaimMailForSending1763901000000,
  IndexPlacementCoach1763901100000,
  PrebuildMailMessage1763901200000,
  FixBarrierSupportAction1763901300000,
  MailAboutParticipant1763901400000,
  GovernRuleParameters1763902100000,
  ConsentDiscloseTargetGroup1763902200000,
  RememberTotpStep1763903000000,
  LoadPostcodeCentroids1763903200000,
  TotpRecoveryCodes1763904000000,
  LoadOccupations1763905000000,
  RecordEmployerAnswer1763905100000,
  EmployerHelpTopics1763905200000,
  CoachCareWork1763906500000,
  CountSignInCodeAttempts1763907000000,
  CheckinAppointment1763907100000,
  OidcSignIn1763908000000,
  OutcomeReports1763910000000,
  SatisfactionSurveys1763911000000,
  JobcoachLogbook1763912100000,
  EarlyWarning1763913000000,
  ImportUpdates1763914000000,
  TopKMatching1763915000000,
  MatchCandidateKeys1763916000000,
  MatchCandidateWorkplace1763917000000,
  VacancyBucketIndexes1763918000000,
  VacancySkillSets1763919000000,
  VacancyPairBoundIndex1763920000000,
  MatchCandidateOwnKeys1763921000000,
];
