import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FieldEncryption } from '../platform/crypto/field-encryption.js';
import type { PasswordPolicy } from '../identity/password-policy.js';

export const DEMO_PASSWORD = 'werkbrug-demo-wachtwoord';
export const DEMO_SLUG = 'demo';

/**
 * One demo organisation with a person in every role, for trying Werkbrug out.
 * Idempotent: it does nothing when the demo organisation exists.
 */
export async function seedDemo(dataSource: DataSource, passwords: PasswordPolicy, encryption: FieldEncryption): Promise<boolean> {
  const logger = new Logger('DemoSeed');
  const existing = await dataSource.query('SELECT id FROM organisation WHERE slug = $1', [DEMO_SLUG]);
  if (existing.length > 0) return false;
  const hash = await passwords.hash(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    const one = async (sql: string, params: unknown[]): Promise<string> => (await manager.query(`${sql} RETURNING id`, params))[0].id;
    const organisation = await one('INSERT INTO organisation (name, slug, settings) VALUES ($1, $2, $3)', [
      'Demo Re-integratie Utrecht',
      DEMO_SLUG,
      { helpResponseWorkingDays: 1 },
    ]);
    const team = await one('INSERT INTO team (organisation_id, name) VALUES ($1, $2)', [organisation, 'Team Centrum']);
    const person = async (
      email: string,
      name: string,
      role: string,
      extra: { team?: string; employer?: string; participant?: string } = {},
    ) => {
      const user = await one('INSERT INTO user_account (email, display_name, password_hash) VALUES ($1, $2, $3)', [
        email,
        name,
        role === 'participant' ? null : hash,
      ]);
      return one(
        "INSERT INTO membership (organisation_id, user_id, role, team_id, employer_id, participant_id, status) VALUES ($1, $2, $3, $4, $5, $6, 'active')",
        [organisation, user, role, extra.team ?? null, extra.employer ?? null, extra.participant ?? null],
      );
    };
    await person('admin@demo.werkbrug.nl', 'Anne Beheer', 'admin');
    await person('teamlead@demo.werkbrug.nl', 'Thomas Leider', 'team_lead', { team });
    const coach = await person('coach@demo.werkbrug.nl', 'Sanne de Vries', 'jobcoach', { team });
    const otherCoach = await person('coach2@demo.werkbrug.nl', 'Mohamed Bakker', 'jobcoach', { team });
    const bakery = await one('INSERT INTO employer (organisation_id, name, contact_coach_membership_id) VALUES ($1, $2, $3)', [
      organisation,
      'Bakkerij De Korenschoof',
      coach,
    ]);
    await one('INSERT INTO employer (organisation_id, name, contact_coach_membership_id) VALUES ($1, $2, $3)', [
      organisation,
      'Gemeente Utrecht, Stadsbeheer',
      otherCoach,
    ]);
    await one('INSERT INTO employer (organisation_id, name, contact_coach_membership_id) VALUES ($1, $2, $3)', [
      organisation,
      'Hotel De Domtoren',
      coach,
    ]);
    await person('werkgever@demo.werkbrug.nl', 'Karin Korenschoof', 'employer_user', { employer: bakery });
    const participants = [
      ['Fatima', 'El Amrani', 'deelnemer@demo.werkbrug.nl', coach, 'Werkt graag in de ochtend. Rustige werkplek helpt.'],
      ['Jeroen', 'Visser', 'jeroen@demo.werkbrug.nl', coach, null],
      ['Priya', 'Ramdin', 'priya@demo.werkbrug.nl', otherCoach, null],
    ] as const;
    const participantIds: string[] = [];
    for (const [first, last, email, coachId, notes] of participants) {
      const participant = await one(
        'INSERT INTO participant (organisation_id, coach_membership_id, first_name, last_name, email, private_notes) VALUES ($1, $2, $3, $4, $5, $6)',
        [organisation, coachId, first, last, email, encryption.encrypt(notes)],
      );
      participantIds.push(participant);
      if (email === 'deelnemer@demo.werkbrug.nl') await person(email, `${first} ${last}`, 'participant', { participant });
    }
    const [fatima, jeroen] = participantIds;
    // Utrecht city centre; the postcode table (npm run postcodes:import) fills coordinates for real data.
    const utrecht = { latitude: 52.0907, longitude: 5.1214 };
    for (const [participant, wishes, hoursMin, hoursMax, capacity] of [
      [fatima, ['9412', '9411'], 16, 24, 24],
      [jeroen, ['9333', '9621'], 24, 32, 32],
    ] as const) {
      await manager.query(
        `INSERT INTO participant_profile (participant_id, organisation_id, occupation_wishes, occupation_minor_groups, occupation_sub_major_groups, skills,
           hours_min, hours_max, days_available, shifts_possible, postcode, latitude, longitude, max_travel_km, transport_modes,
           copes_stimulus, copes_pressure, copes_pace, needs_adaptations, work_readiness, target_group_register_status, target_group_register_date,
           capacity_hours_per_week, capacity_assessed_on)
         VALUES ($1, $2, $3, $4, $5, '{deeg bereiden,inpakken,hygiëne}', $6, $7, '{mon,tue,wed,thu}', '{day}', '3511 AB', $8, $9, 10, '{bike,public_transport}',
           3, 2, 3, '{rustige werkplek,vaste begintijd}', 'with_support', 'registered', '2025-09-01', $10, '2026-01-15')`,
        [
          participant,
          organisation,
          wishes,
          wishes.map((code) => code.slice(0, 3)),
          wishes.map((code) => code.slice(0, 2)),
          hoursMin,
          hoursMax,
          utrecht.latitude,
          utrecht.longitude,
          capacity,
        ],
      );
      await manager.query(
        "INSERT INTO participant_capacity (organisation_id, participant_id, assessed_on, hours_per_day, hours_per_week, breaks) VALUES ($1, $2, '2026-01-15', 6, $3, 'Elke twee uur een korte pauze')",
        [organisation, participant, capacity],
      );
      await manager.query(
        "INSERT INTO consent (organisation_id, participant_id, purpose, given_at, given_by_user_id) SELECT $1, $2, 'proposal_to_employers', now(), u.id FROM user_account u WHERE u.email = 'coach@demo.werkbrug.nl'",
        [organisation, participant],
      );
    }
    for (const [title, isco, hoursMin, hoursMax, status] of [
      ['Medewerker bakkerij (productie)', '9412', 16, 24, 'open'],
      ['Inpakker broodafdeling', '9321', 20, 32, 'open'],
      ['Medewerker lunchroom', '9411', 12, 20, 'draft'],
    ] as const) {
      await manager.query(
        `INSERT INTO vacancy (organisation_id, employer_id, title, isco_code, hours_min, hours_max, days, shifts, postcode, latitude, longitude,
           public_transport_reachable, stimulus_level, production_pressure, work_pace, team_size, supervision_on_floor, quiet_workspace_possible,
           adaptations_possible, growth_possible, wage_cost_subsidy_possible, skills, status, physical_load)
         VALUES ($1, $2, $3, $4, $5, $6, '{mon,tue,wed,thu,fri}', '{day}', '3512 JK', 52.0930, 5.1180, true, 2, 2, 3, 8, true, true,
           '{rustige werkplek,vaste begintijd}', true, true, '{deeg bereiden,inpakken}', $7, 3)`,
        [organisation, bakery, title, isco, hoursMin, hoursMax, status],
      );
    }
    // Fatima works at the bakery since February and is in aftercare: the handover was held, check-ins are planned.
    await manager.query(
      "INSERT INTO consent (organisation_id, participant_id, purpose, employer_id, given_at, given_by_user_id) SELECT $1, $2, 'disclose_support_organisation', $3, now(), u.id FROM user_account u WHERE u.email = 'deelnemer@demo.werkbrug.nl'",
      [organisation, fatima, bakery],
    );
    const placement = await one(
      `INSERT INTO placement (organisation_id, participant_id, employer_id, coach_membership_id, type, status, trial_start, trial_planned_end, trial_outcome,
         contract_start, contract_type, hours_per_week, gross_hourly_wage, contract_end, employer_contact_name, employer_contact_email,
         aftercare_end_on, monitoring_frequency, last_contact_at)
       VALUES ($1, $2, $3, $4, 'paid_job', 'aftercare', '2025-12-01', '2026-01-31', 'match', '2026-02-02', 'fixed_term', 24, 14.71, '2027-01-31',
         'Karin Korenschoof', 'werkgever@demo.werkbrug.nl', '2027-01-31', 'monthly', now())`,
      [organisation, fatima, bakery, coach],
    );
    await manager.query(
      "INSERT INTO wage_value_assessment (organisation_id, placement_id, assessor_name, assessed_on, percentage, reference_job, method, next_reassessment_on) VALUES ($1, $2, 'J. de Boer', '2026-01-20', 60, 'Productiemedewerker bakkerij', 'Dariuz', '2027-01-20')",
      [organisation, placement],
    );
    const today = new Date();
    for (let month = 1; month <= 6; month++) {
      const due = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + month - 1, 15)).toISOString().slice(0, 10);
      await manager.query(
        "INSERT INTO checkin (organisation_id, placement_id, coach_membership_id, due_on, status, first_after_start) VALUES ($1, $2, $3, $4, 'planned', false)",
        [organisation, placement, coach, due],
      );
    }
  });
  logger.log('demo organisation loaded');
  return true;
}
