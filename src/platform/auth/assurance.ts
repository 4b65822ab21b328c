import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../http/problem.js';

/**
 * Levels of assurance as eIDAS names them; a broker's own values (DigiD
 * Basis/Midden/Substantieel/Hoog, eHerkenning EH2/EH2+/EH3/EH4) are mapped
 * onto these per provider.
 */
export const ASSURANCE_LEVELS = { low: 1, substantial: 2, high: 3 } as const;
export type AssuranceLevel = keyof typeof ASSURANCE_LEVELS;

export function assuranceName(rank: number): AssuranceLevel | undefined {
  return (Object.keys(ASSURANCE_LEVELS) as AssuranceLevel[]).find((name) => ASSURANCE_LEVELS[name] === rank);
}

export class AssuranceTooLowProblem extends ProblemException {
  constructor(required: AssuranceLevel, next?: string) {
    const stepUp = `/portal/step-up?level=${required}${next ? `&next=${encodeURIComponent(next)}` : ''}`;
    super(
      HttpStatus.FORBIDDEN,
      'assurance-too-low',
      `This needs a sign-in with level of assurance "${required}" or higher. Sign in again through your organisation's sign-in service.`,
      undefined,
      { requiredAssurance: required, stepUp },
    );
  }
}
