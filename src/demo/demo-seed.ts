import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FieldEncryption } from '../common/crypto/field-encryption.js';
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
    for (const [first, last, email, coachId, notes] of participants) {
      const participant = await one(
        'INSERT INTO participant (organisation_id, coach_membership_id, first_name, last_name, email, private_notes) VALUES ($1, $2, $3, $4, $5, $6)',
        [organisation, coachId, first, last, email, encryption.encrypt(notes)],
      );
      if (email === 'deelnemer@demo.werkbrug.nl') await person(email, `${first} ${last}`, 'participant', { participant });
    }
  });
  logger.log('demo organisation loaded');
  return true;
}
