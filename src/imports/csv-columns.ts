import { VACANCY_FIELDS } from '../vacancies/vacancies.service.js';
import type { InvalidParam } from '../platform/http/problem.js';
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
  /** Columns every row needs (the key first): a file without one of them is refused before any row is read. */
  required: string[];
  /** Columns of the CSV that are not DTO fields (the key, references to other records). */
  extraColumns: string[];
  columns: string[];
  numbers: string[];
  booleans: string[];
  /** Lists, written as values separated by ';' in one cell. */
  lists: string[];
  /** Dates, as 2026-01-15 or as Dutch spreadsheets write them: 15-1-2026. */
  dates?: string[];
  /** Puts cells that the DTO holds nested (an employer's address, a vacancy's tasks) in place; see {@link NestedCells}. */
  nest?: (values: Record<string, unknown>) => NestedCells;
}

/** What nesting a row's cells found: reasons for cells that cannot be nested, and how to name a DTO field by its CSV column. */
export interface NestedCells {
  reasons: InvalidParam[];
  /** A reason about a field of the DTO (`addresses.0.postcode`), named by the column it came from (`postcode`). */
  rename: (reason: InvalidParam) => InvalidParam;
}

const SAME: NestedCells['rename'] = (reason) => reason;

/** The address columns of an employer row that must come together; `latitude` and `longitude` may be added to them. */
const ADDRESS_PARTS = ['street', 'houseNumber', 'postcode', 'city'] as const;
const ADDRESS_COLUMNS = [...ADDRESS_PARTS, 'latitude', 'longitude'];

/** An employer row has one address: all of street, houseNumber, postcode and city, or none of them. */
function nestAddress(values: Record<string, unknown>): NestedCells {
  const address: Record<string, unknown> = {};
  for (const column of ADDRESS_COLUMNS) {
    if (column in values) address[column] = values[column];
    delete values[column];
  }
  if (Object.keys(address).length === 0) return { reasons: [], rename: SAME };
  values.addresses = [address];
  const missing = ADDRESS_PARTS.filter((part) => !(part in address));
  return {
    reasons: missing.map((name) => ({ name, reason: 'is required for an address: give street, houseNumber, postcode and city, or none' })),
    rename: (reason) => ({ ...reason, name: reason.name.replace(/^addresses\.0\./, '') }),
  };
}

/** The `tasks` and `carvableTasks` cells become the DTO's one list of tasks; a task is named by its column and place (from 1). */
function nestTasks(values: Record<string, unknown>): NestedCells {
  const core = (values.tasks as string[] | undefined) ?? [];
  const carvable = (values.carvableTasks as string[] | undefined) ?? [];
  delete values.tasks;
  delete values.carvableTasks;
  if (core.length === 0 && carvable.length === 0) return { reasons: [], rename: SAME };
  values.tasks = [
    ...core.map((description) => ({ description, canBeCarvedOut: false })),
    ...carvable.map((description) => ({ description, canBeCarvedOut: true })),
  ];
  return {
    reasons: [],
    rename: (reason) => {
      if (reason.name === 'tasks' && carvable.length > 0)
        return { ...reason, reason: `${reason.reason} (tasks and carvableTasks together)` };
      const task = /^tasks\.(\d+)(\..+)?$/.exec(reason.name);
      if (!task) return reason;
      const index = Number(task[1]);
      const name = index < core.length ? `tasks[${index + 1}]` : `carvableTasks[${index - core.length + 1}]`;
      return { ...reason, name: `${name}${task[2] ?? ''}` };
    },
  };
}

export const KINDS: Record<ImportKind, KindDefinition> = {
  employers: {
    dto: CreateEmployerDto,
    key: 'kvkNumber',
    required: ['kvkNumber', 'name'],
    // The contact coach by e-mail address (what an admin knows), or by membership id (what another system knows).
    extraColumns: ['contactCoachEmail'],
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
      'contactCoachEmail',
      // One address per row; coordinates may be given directly, otherwise the postcode table fills them.
      ...ADDRESS_COLUMNS,
    ],
    numbers: ['employeeCount', 'paidHoursPerYear', 'latitude', 'longitude'],
    booleans: [],
    lists: [],
    nest: nestAddress,
  },
  vacancies: {
    dto: CreateVacancyDto,
    key: 'externalReference',
    // The employer is named by employerKvkNumber or by employerId: either will do.
    required: ['externalReference', 'title', 'iscoCode', 'hoursMin', 'hoursMax', 'postcode'],
    extraColumns: ['externalReference', 'employerKvkNumber'],
    // Coordinates may be given directly; otherwise the postcode table fills them.
    // Tasks are ';'-separated descriptions: `tasks` are core tasks, `carvableTasks` could be carved out of the job.
    columns: ['externalReference', 'employerKvkNumber', 'employerId', ...VACANCY_FIELDS, 'latitude', 'longitude', 'tasks', 'carvableTasks'],
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
    lists: ['skills', 'days', 'shifts', 'requiredCertificates', 'adaptationsPossible', 'tasks', 'carvableTasks'],
    dates: ['closingDate'],
    nest: nestTasks,
  },
  participants: {
    dto: CreateParticipantDto,
    key: 'externalReference',
    required: ['externalReference', 'firstName', 'lastName'],
    // The coach by e-mail address (what an admin knows), or by membership id (what another system knows).
    extraColumns: ['externalReference', 'coachEmail'],
    columns: ['externalReference', 'firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'coachMembershipId', 'coachEmail'],
    numbers: [],
    booleans: [],
    lists: [],
    dates: ['dateOfBirth'],
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
    } else if (kind.dates?.includes(column)) {
      const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(cell);
      values[column] = dutch ? `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}` : cell;
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
