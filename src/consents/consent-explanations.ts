import type { ConsentPurpose, ShareableProfilePart } from './entities/consent.entity.js';

export interface Explanation {
  nl: string;
  en: string;
}

/** Plain-language names of the profile parts a participant can share. */
export const PROFILE_PART_LABELS: Record<ShareableProfilePart, Explanation> = {
  name: { nl: 'uw naam', en: 'your name' },
  contact: { nl: 'uw contactgegevens', en: 'your contact details' },
  workPreferences: { nl: 'uw werkwensen', en: 'your work preferences' },
  skills: { nl: 'uw vaardigheden', en: 'your skills' },
  workHistory: { nl: 'uw werkervaring', en: 'your work history' },
  adaptations: { nl: 'de aanpassingen die u nodig heeft op het werk', en: 'the adjustments you need at work' },
  availability: { nl: 'wanneer u kunt werken', en: 'when you can work' },
};

/** Purposes that only make sense for one named employer. */
export const EMPLOYER_PURPOSES: readonly ConsentPurpose[] = [
  'share_profile_with_employer',
  'disclose_support_organisation',
  'disclose_target_group',
];

const WITHDRAW: Explanation = {
  nl: 'U kunt deze toestemming altijd weer intrekken.',
  en: 'You can withdraw this consent at any time.',
};

function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/**
 * What a consent means, in Dutch (B1 level, formal "u") and English, so the
 * participant sees exactly what they agreed to.
 */
export function explainConsent(purpose: ConsentPurpose, employerName: string | null, parts: readonly ShareableProfilePart[]): Explanation {
  const employer = { nl: employerName ?? 'deze werkgever', en: employerName ?? 'this employer' };
  let meaning: Explanation;
  switch (purpose) {
    case 'proposal_to_employers':
      meaning = { nl: 'Werkbrug mag u voorstellen aan werkgevers.', en: 'Werkbrug may propose you to employers.' };
      break;
    case 'share_profile_with_employer':
      meaning = {
        nl: `Werkbrug mag ${list(
          parts.map((part) => PROFILE_PART_LABELS[part].nl),
          'en',
        )} delen met ${employer.nl}. Gegevens over uw gezondheid, uitkering of schulden deelt Werkbrug nooit.`,
        en: `Werkbrug may share ${list(
          parts.map((part) => PROFILE_PART_LABELS[part].en),
          'and',
        )} with ${employer.en}. Werkbrug never shares information about your health, benefits or debts.`,
      };
      break;
    case 'disclose_support_organisation':
      meaning = {
        nl: `Werkbrug mag ${employer.nl} vertellen dat u begeleiding krijgt van een re-integratiebedrijf of jobcoach.`,
        en: `Werkbrug may tell ${employer.en} that a support organisation or job coach is helping you.`,
      };
      break;
    case 'disclose_target_group':
      meaning = {
        nl: `Werkbrug mag ${employer.nl} laten weten dat u in het doelgroepregister staat, en wat daaruit volgt (zoals de no-riskpolis).`,
        en: `Werkbrug may tell ${employer.en} that you are in the target-group register, and what follows from it (such as the no-risk policy).`,
      };
      break;
    case 'email_reminders':
      meaning = { nl: 'Werkbrug mag u herinneringen sturen per e-mail.', en: 'Werkbrug may send you reminders by e-mail.' };
      break;
  }
  return { nl: `${meaning.nl} ${WITHDRAW.nl}`, en: `${meaning.en} ${WITHDRAW.en}` };
}
