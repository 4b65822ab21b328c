import { Injectable, Logger } from '@nestjs/common';
import { ConsentsService } from '../consents/consents.service.js';
import { CheckinsService } from '../aftercare/checkins.service.js';
import { EmployersService } from '../employers/employers.service.js';
import { AuthService } from '../identity/auth.service.js';
import type { Role } from '../identity/entities/membership.entity.js';
import { OrganisationSlugTakenProblem, OrganisationsService } from '../organisations/organisations.service.js';
import { ParticipantsService } from '../participants/participants.service.js';
import { PlacementsService } from '../placements/placements.service.js';
import { SubsidyService } from '../placements/subsidy.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { Transactions } from '../platform/database/transactions.js';
import { HelpRequestsService } from '../help-requests/help-requests.service.js';
import { MatchesService } from '../matching/matches.service.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import { addDays, addMonths, maxDate, minDate } from '../rules/calculations/dates.js';
import { VacanciesService } from '../vacancies/vacancies.service.js';
import { HandoverService } from '../aftercare/handover.service.js';
import type { HandoverChecklist } from '../aftercare/handover-checklist.js';
import { EarlyWarningService } from '../aftercare/early-warning.service.js';
import { JobcoachFundingService } from '../jobcoach-funding/jobcoach-funding.service.js';
import { SurveysService } from '../surveys/surveys.service.js';

export const DEMO_PASSWORD = 'werkbrug-demo-wachtwoord';
export const DEMO_SLUG = 'demo';

/** Demo people act without a session; what they create is audited under their own names. */
const NO_SESSION = '00000000-0000-0000-0000-000000000000';

// Utrecht city centre; addresses entered without coordinates get their postcode area's shipped centroid.
const UTRECHT = { latitude: 52.0907, longitude: 5.1214 };

/**
 * One demo organisation with a person in every role, for trying Werkbrug out
 * (README.md "Demo data"). Everything goes through the owning capabilities,
 * in one transaction; the steps that send mail (the candidate, the help request,
 * the due satisfaction survey) and the early warning's look run after the commit.
 * Idempotent: it does nothing when the demo organisation exists.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly organisations: OrganisationsService,
    private readonly auth: AuthService,
    private readonly employers: EmployersService,
    private readonly participants: ParticipantsService,
    private readonly profiles: ProfilesService,
    private readonly consents: ConsentsService,
    private readonly vacancies: VacanciesService,
    private readonly placements: PlacementsService,
    private readonly subsidy: SubsidyService,
    private readonly checkins: CheckinsService,
    private readonly matches: MatchesService,
    private readonly helpRequests: HelpRequestsService,
    private readonly handovers: HandoverService,
    private readonly jobcoachFunding: JobcoachFundingService,
    private readonly surveys: SurveysService,
    private readonly earlyWarning: EarlyWarningService,
  ) {}

  /** True when it loaded the demo organisation, false when it was there already. */
  async seed(): Promise<boolean> {
    if (await this.organisations.idBySlug(DEMO_SLUG)) return false;
    try {
      const afterCommit = await this.transactions.run(() => this.load());
      // Steps that send mail run after the commit: their jobs must find the rows they are about.
      await afterCommit();
    } catch (error) {
      // Another process started with DEMO_DATA at the same moment and loaded it first.
      if (error instanceof OrganisationSlugTakenProblem) return false;
      throw error;
    }
    this.logger.log('demo organisation loaded');
    return true;
  }

  private async load(): Promise<() => Promise<void>> {
    const organisation = await this.organisations.create('Demo Re-integratie Utrecht', DEMO_SLUG, { helpResponseWorkingDays: 1 });
    const team = await this.organisations.createTeam(organisation.id, 'Team Centrum');
    const person = async (
      email: string,
      displayName: string,
      role: Role,
      links: { teamId?: string; employerId?: string; participantId?: string; funderId?: string; phone?: string } = {},
    ): Promise<Actor> => {
      const password = role === 'participant' ? null : DEMO_PASSWORD;
      const account = await this.auth.seedDemoAccount(organisation.id, { email, displayName, role, password, ...links });
      return {
        userId: account.userId,
        membershipId: account.membershipId,
        organisationId: organisation.id,
        role,
        teamId: links.teamId ?? null,
        employerId: links.employerId ?? null,
        participantId: links.participantId ?? null,
        funderId: links.funderId ?? null,
        sessionId: NO_SESSION,
        via: 'bearer',
        displayName,
        locale: 'nl',
      };
    };
    const admin = await person('admin@demo.werkbrug.nl', 'Anne Beheer', 'admin');
    await person('teamlead@demo.werkbrug.nl', 'Thomas Leider', 'team_lead', { teamId: team.id });
    const coach = await person('coach@demo.werkbrug.nl', 'Sanne de Vries', 'jobcoach', { teamId: team.id, phone: '06 12345678' });
    const otherCoach = await person('coach2@demo.werkbrug.nl', 'Mohamed Bakker', 'jobcoach', { teamId: team.id });

    const employer = (name: string, contact: Actor, details: Record<string, unknown> = {}) =>
      this.employers.create(admin, { name, contactCoachMembershipId: contact.membershipId, ...details });
    const bakery = await employer('Bakkerij De Korenschoof', coach, {
      kvkNumber: '30123456',
      payrollTaxNumber: '812345678L01',
      sectorType: 'private',
      employeeCount: 40,
      paidHoursPerYear: 64000,
      targetGroupExperience: 'some',
    });
    await employer('Gemeente Utrecht, Stadsbeheer', otherCoach);
    const hotel = await employer('Hotel De Domtoren', coach);
    await person('werkgever@demo.werkbrug.nl', 'Karin Korenschoof', 'employer_user', { employerId: bakery.id });

    // The municipality pays for two of the trajectories; its person sees the reports on them (numbers only).
    const funder = await this.organisations.createFunder(admin, { name: 'Gemeente Demostad', kind: 'municipality' });
    await person('financier@demo.werkbrug.nl', 'Frank Financier', 'funder', { funderId: funder.id });

    const participant = (
      guide: Actor,
      firstName: string,
      lastName: string,
      email: string,
      trajectory: { funderId?: string; targetGroup?: 'banenafspraak' | 'participatiewet' | 'wajong' } = {},
      privateNotes?: string,
      phone?: string,
    ) =>
      this.participants.create(guide, {
        firstName,
        lastName,
        email,
        phone,
        coachMembershipId: guide.membershipId,
        privateNotes,
        ...trajectory,
      });
    const fatima = await participant(
      coach,
      'Fatima',
      'El Amrani',
      'deelnemer@demo.werkbrug.nl',
      { funderId: funder.id, targetGroup: 'banenafspraak' },
      'Werkt graag in de ochtend. Rustige werkplek helpt.',
      '06 87654321',
    );
    const jeroen = await participant(coach, 'Jeroen', 'Visser', 'jeroen@demo.werkbrug.nl', {
      funderId: funder.id,
      targetGroup: 'participatiewet',
    });
    await participant(otherCoach, 'Priya', 'Ramdin', 'priya@demo.werkbrug.nl', { targetGroup: 'wajong' });
    const fatimaHerself = await person('deelnemer@demo.werkbrug.nl', 'Fatima El Amrani', 'participant', { participantId: fatima.id });
    const jeroenHimself = await person('jeroen@demo.werkbrug.nl', 'Jeroen Visser', 'participant', { participantId: jeroen.id });

    for (const [participantId, occupationWishes, hoursMin, hoursMax, capacity] of [
      [fatima.id, ['9412', '9411'], 16, 24, 24],
      [jeroen.id, ['9333', '9621'], 24, 32, 32],
    ] as const) {
      await this.profiles.put(coach, participantId, {
        occupationWishes: [...occupationWishes],
        skills: ['deeg bereiden', 'inpakken', 'hygiëne'],
        hoursMin,
        hoursMax,
        daysAvailable: ['mon', 'tue', 'wed', 'thu'],
        shiftsPossible: ['day'],
        postcode: '3511 AB',
        ...UTRECHT,
        maxTravelKm: 10,
        transportModes: ['bike', 'public_transport'],
        copesStimulus: 3,
        copesPressure: 2,
        copesPace: 3,
        needsAdaptations: ['rustige werkplek', 'vaste begintijd'],
        workReadiness: 'with_support',
        targetGroupRegisterStatus: 'registered',
        targetGroupRegisterDate: '2025-09-01',
      });
      // The assessment also fills the profile's capacity (hours per week, date).
      await this.profiles.addCapacity(coach, participantId, {
        assessedOn: '2026-01-15',
        hoursPerDay: 6,
        hoursPerWeek: capacity,
        breaks: 'Elke twee uur een korte pauze',
      });
      await this.consents.give(coach, participantId, { purpose: 'proposal_to_employers' });
    }

    const vacancyIds: string[] = [];
    for (const [title, iscoCode, hoursMin, hoursMax, status] of [
      ['Medewerker bakkerij (productie)', '9412', 16, 24, 'open'],
      ['Inpakker broodafdeling', '9321', 20, 32, 'open'],
      ['Medewerker lunchroom', '9411', 12, 20, 'draft'],
    ] as const) {
      const vacancy = await this.vacancies.create(admin, {
        employerId: bakery.id,
        title,
        iscoCode,
        hoursMin,
        hoursMax,
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        shifts: ['day'],
        postcode: '3512 JK',
        latitude: 52.093,
        longitude: 5.118,
        publicTransportReachable: true,
        stimulusLevel: 2,
        productionPressure: 2,
        workPace: 3,
        teamSize: 8,
        supervisionOnFloor: true,
        quietWorkspacePossible: true,
        adaptationsPossible: ['rustige werkplek', 'vaste begintijd'],
        growthPossible: true,
        wageCostSubsidyPossible: true,
        skills: ['deeg bereiden', 'inpakken'],
        status,
        physicalLoad: 3,
      });
      vacancyIds.push(vacancy.id);
    }

    // Fatima works at the bakery since February and is in aftercare: the handover was held, check-ins are planned.
    await this.consents.give(fatimaHerself, fatima.id, { purpose: 'disclose_support_organisation', employerId: bakery.id });
    const placementId = await this.placements.seedDemoPlacement({
      organisationId: organisation.id,
      participantId: fatima.id,
      employerId: bakery.id,
      coachMembershipId: coach.membershipId,
      type: 'paid_job',
      status: 'aftercare',
      trialStart: '2025-12-01',
      trialPlannedEnd: '2026-01-31',
      trialOutcome: 'match',
      contractStart: '2026-02-02',
      contractType: 'fixed_term',
      hoursPerWeek: '24',
      grossHourlyWage: '14.71',
      contractEnd: '2027-01-31',
      employerContactName: 'Karin Korenschoof',
      employerContactEmail: 'werkgever@demo.werkbrug.nl',
      aftercareEndOn: '2027-01-31',
      monitoringFrequency: 'monthly',
      lastContactAt: this.clock.now(),
    });
    // Next reassessment a year on (2027-01-20), as the rule parameters say.
    await this.subsidy.assessWageValue(coach, placementId, {
      assessorName: 'J. de Boer',
      assessedOn: '2026-01-20',
      percentage: 60,
      referenceJob: 'Productiemedewerker bakkerij',
      method: 'Dariuz',
    });
    // The wage-cost subsidy was granted; the payments so far came in, except the latest, which is late.
    const today = this.clock.now().toISOString().slice(0, 10);
    const granted = await this.subsidy.decide(coach, placementId, {
      status: 'granted',
      appliedOn: '2026-01-20',
      decidedOn: '2026-02-10',
      monthlyAmountCents: 95_000,
      periodStart: '2026-02-01',
      periodEnd: '2027-01-31',
      reference: 'LKS-2026-0142',
    });
    const due = granted.payments.filter((payment) => payment.dueOn < today);
    for (const payment of due.slice(0, -1)) await this.subsidy.receive(coach, placementId, payment.id, payment.dueOn);

    // The handover was held on the last day of the trial: its agreements, and Fatima's goals in her trajectory plan,
    // are what the coach's jobcoach hours are written for.
    const handoverId = await this.handovers.seedDemoHandover({
      organisationId: organisation.id,
      placementId,
      startsAt: new Date('2026-01-30T09:00:00Z'),
      location: 'Bakkerij De Korenschoof, Oudegracht 12, Utrecht',
      createdByUserId: coach.userId,
      checklist: {
        agreements: {
          shopFloorGuidance: { applicable: true, text: 'Karin is het vaste aanspreekpunt op de werkvloer', owner: 'employer' },
          hours: { applicable: true, text: 'Start met 24 uur, van maandag tot en met donderdag, vanaf 7 uur', owner: 'employer' },
          contactBetweenParties: { applicable: true, text: 'De jobcoach belt Karin elke maand', owner: 'coach' },
          evaluationMeetings: { applicable: true, text: 'Elke drie maanden een gesprek met z’n drieën', owner: 'coach' },
        } as Partial<HandoverChecklist['agreements']> as HandoverChecklist['agreements'],
      },
    });
    const goalIds = [
      (await this.profiles.addGoal(coach, fatima.id, { code: 'guidance_at_work', targetDate: '2027-01-31' })).id,
      (await this.profiles.addGoal(coach, fatima.id, { code: 'employee_skills_rhythm', targetDate: '2026-12-31' })).id,
    ];
    // UWV granted jobcoach hours for the period that holds today; the coach wrote the first hours for a goal and an agreement.
    const periodStart = maxDate('2026-02-02', addMonths(`${today.slice(0, 7)}-01`, -1));
    const jobcoachGrant = await this.jobcoachFunding.request(coach, placementId, {
      requestedOn: addDays(periodStart, -21),
      periodStart,
    });
    await this.jobcoachFunding.decide(coach, placementId, jobcoachGrant.id, {
      status: 'granted',
      decidedOn: addDays(periodStart, -7),
      hoursGranted: 40,
    });
    // (Hours are never written for a day still to come: on a clock before the contract the period stays empty.)
    const workedOn = minDate(addDays(periodStart, 3), today);
    if (workedOn >= periodStart) {
      await this.jobcoachFunding.registerHours(coach, placementId, jobcoachGrant.id, {
        workedOn,
        hours: 2,
        justification: 'Werkplekbezoek: nieuwe taken bij het inpakken doorgenomen met Fatima en Karin',
        goalIds: [goalIds[0]!],
        agreements: [{ handoverId, item: 'shopFloorGuidance' }],
      });
    }

    // Jeroen works 16 hours a week at the hotel since March: few hours, a risk the early warning flags (see Vandaag).
    await this.placements.seedDemoPlacement({
      organisationId: organisation.id,
      participantId: jeroen.id,
      employerId: hotel.id,
      coachMembershipId: coach.membershipId,
      type: 'paid_job',
      status: 'contract',
      trialStart: null,
      trialPlannedEnd: null,
      trialOutcome: null,
      contractStart: '2026-03-02',
      contractType: 'fixed_term',
      hoursPerWeek: '16',
      grossHourlyWage: '14.71',
      contractEnd: '2027-03-01',
      employerContactName: 'Ruud de Domtoren',
      employerContactEmail: 'ruud@domtoren.example',
      aftercareEndOn: null,
      monitoringFrequency: null,
      lastContactAt: this.clock.now(),
    });

    // Six monthly check-ins on the 15th, from this month on.
    const firstDue = `${this.clock.now().toISOString().slice(0, 7)}-15`;
    await this.checkins.seedDemoCheckins(
      placementId,
      [0, 1, 2, 3, 4, 5].map((month) => addMonths(firstDue, month)),
    );

    return async () => {
      // Jeroen is introduced to the bakery for the packing job: the employer has a candidate to answer.
      await this.consents.give(jeroenHimself, jeroen.id, {
        purpose: 'share_profile_with_employer',
        employerId: bakery.id,
        profileParts: ['name', 'workPreferences', 'adaptations'],
      });
      const match = await this.matches.create(coach, { vacancyId: vacancyIds[1], participantId: jeroen.id });
      await this.matches.transition(coach, match.id, { status: 'introduced' });

      // Fatima asked for help this morning: the coach's today view shows it.
      await this.helpRequests.create(fatimaHerself, {
        category: 'work',
        urgency: 'normal',
        preferredChannel: 'phone',
        body: 'Mijn rooster is veranderd en ik moet nu ook op vrijdag werken. Dat was anders afgesproken.',
      });

      // The satisfaction survey that is due (3 months into Fatima's contract): on her home page and in the outbox.
      await this.surveys.sendDue();
      // The early warning's daily look, now: Vandaag shows the risks it finds.
      await this.earlyWarning.evaluateAll();
    };
  }
}
