import { VACANCY_FIELDS } from '../vacancies/vacancies.service.js';
import { CreateEmployerDto } from '../employers/dto/employer.dto.js';
import { CreateParticipantDto } from '../participants/dto/participant.dto.js';
import { CreateVacancyDto } from '../vacancies/dto/vacancy.dto.js';

export const IMPORT_KINDS = ['employers', 'vacancies', 'participants'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What a CSV row of each kind may hold: the API's own create DTO, its row key, and how cells are read. */
export interface KindDefinition {
  dto: new () => object;
  /** The column that identifies a row across re-runs of the same file. */
  key: string;
  /** Columns of the CSV that are not DTO fields (the key, references to other records). */
  extraColumns: string[];
  columns: string[];
  numbers: string[];
  booleans: string[];
  /** Lists, written as values separated by ';' in one cell. */
  lists: string[];
}

export const KINDS: Record<ImportKind, KindDefinition> = {
  employers: {
    dto: CreateEmployerDto,
    key: 'kvkNumber',
    extraColumns: [],
    columns: [
      'name',
      'kvkNumber',
      'payrollTaxNumber',
      'sectorType',
      'employeeCount',
      'paidHoursPerYear',
      'targetGroupExperience',
      'inclusiveHiringMotivation',
      'contactCoachMembershipId',
    ],
    numbers: ['employeeCount', 'paidHoursPerYear'],
    booleans: [],
    lists: [],
  },
  vacancies: {
    dto: CreateVacancyDto,
    key: 'externalReference',
    extraColumns: ['externalReference', 'employerKvkNumber'],
    // Coordinates may be given directly; otherwise the postcode table fills them.
    columns: ['externalReference', 'employerKvkNumber', 'employerId', ...VACANCY_FIELDS, 'latitude', 'longitude'],
    numbers: [
      'hoursMin',
      'hoursMax',
      'physicalLoad',
      'latitude',
      'longitude',
      'stimulusLevel',
      'productionPressure',
      'workPace',
      'teamSize',
    ],
    booleans: [
      'publicTransportReachable',
      'drivingLicenceRequired',
      'supervisionOnFloor',
      'quietWorkspacePossible',
      'growthPossible',
      'trialPlacementPossible',
      'wageCostSubsidyPossible',
    ],
    lists: ['skills', 'days', 'shifts', 'requiredCertificates', 'adaptationsPossible'],
  },
  participants: {
    dto: CreateParticipantDto,
    key: 'externalReference',
    extraColumns: ['externalReference'],
    columns: ['externalReference', 'firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'coachMembershipId'],
    numbers: [],
    booleans: [],
    lists: [],
  },
};

/** Turns the text cells of a row into the values the DTO expects; empty cells are left out. */
export function coerceRow(kind: KindDefinition, record: Record<string, string>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(record)) {
    const cell = raw.trim();
    if (cell === '') continue;
    if (kind.numbers.includes(column)) {
      const normalised = cell.replace(',', '.');
      values[column] = /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : cell;
    } else if (kind.booleans.includes(column)) {
      const lower = cell.toLowerCase();
      values[column] = ['true', 'ja', 'yes', '1'].includes(lower) ? true : ['false', 'nee', 'no', '0'].includes(lower) ? false : cell;
    } else if (kind.lists.includes(column)) {
      values[column] = cell
        .split(';')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    } else {
      values[column] = cell;
    }
  }
  return values;
}
