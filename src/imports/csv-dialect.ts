import type { ImportKind } from './csv-columns.js';

/**
 * How people write the columns of an import file: Dutch names (the first is
 * the one the pages show), beside the API's own names, which keep working.
 * Columns without a Dutch name are for other systems only (ids, coordinates).
 */
export const DUTCH_COLUMNS: Record<ImportKind, Record<string, readonly string[]>> = {
  participants: {
    externalReference: ['Kenmerk', 'Eigen kenmerk', 'Referentie', 'Dossiernummer'],
    firstName: ['Voornaam'],
    lastName: ['Achternaam'],
    email: ['E-mailadres', 'E-mail'],
    phone: ['Telefoonnummer', 'Telefoon'],
    dateOfBirth: ['Geboortedatum'],
    coachEmail: ['E-mailadres coach', 'Coach', 'Jobcoach'],
  },
  employers: {
    name: ['Naam', 'Bedrijfsnaam'],
    kvkNumber: ['KvK-nummer', 'KvK'],
    payrollTaxNumber: ['Loonheffingennummer'],
    sectorType: ['Sector (publiek of privaat)', 'Soort sector'],
    employeeCount: ['Aantal werknemers'],
    paidHoursPerYear: ['Verloonde uren per jaar'],
    targetGroupExperience: ['Ervaring met de doelgroep'],
    inclusiveHiringMotivation: ['Motivatie'],
    contactCoachEmail: ['E-mailadres contactcoach', 'Contactcoach'],
    street: ['Straat'],
    houseNumber: ['Huisnummer'],
    postcode: ['Postcode'],
    city: ['Plaats', 'Woonplaats', 'Vestigingsplaats'],
  },
  vacancies: {
    externalReference: ['Kenmerk', 'Vacaturenummer', 'Referentie'],
    employerKvkNumber: ['KvK-nummer werkgever', 'KvK-nummer'],
    title: ['Functie', 'Titel'],
    description: ['Omschrijving'],
    iscoCode: ['ISCO-code'],
    sector: ['Sector'],
    skills: ['Vaardigheden'],
    hoursMin: ['Uren per week minimaal', 'Minimaal uren'],
    hoursMax: ['Uren per week maximaal', 'Maximaal uren'],
    physicalLoad: ['Lichamelijke belasting'],
    days: ['Dagen'],
    shifts: ['Diensten'],
    postcode: ['Postcode'],
    publicTransportReachable: ['Bereikbaar met ov'],
    requiredCertificates: ['Vereiste certificaten'],
    languageLevel: ['Taalniveau'],
    drivingLicenceRequired: ['Rijbewijs nodig'],
    stimulusLevel: ['Prikkels'],
    productionPressure: ['Productiedruk'],
    workPace: ['Werktempo'],
    teamSize: ['Grootte van het team'],
    supervisionOnFloor: ['Begeleiding op de werkvloer'],
    quietWorkspacePossible: ['Rustige werkplek mogelijk'],
    adaptationsPossible: ['Mogelijke aanpassingen'],
    growthPossible: ['Doorgroeien mogelijk'],
    trialPlacementPossible: ['Proefplaatsing mogelijk'],
    wageCostSubsidyPossible: ['Loonkostensubsidie mogelijk'],
    status: ['Status'],
    closingDate: ['Sluitingsdatum'],
    tasks: ['Taken'],
    carvableTasks: ['Taken die apart kunnen'],
  },
};

/** Case, accents, spaces and punctuation do not matter in a column name: "E-mailadres" is "e mailadres". */
function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The API's name of a column as written in the file, or undefined when the kind has no such column. */
export function columnFor(kind: ImportKind, columns: readonly string[], written: string): string | undefined {
  const wanted = normalise(written);
  if (wanted === '') return undefined;
  const own = columns.find((column) => normalise(column) === wanted);
  if (own) return own;
  const dutch = Object.entries(DUTCH_COLUMNS[kind]).find(([, names]) => names.some((name) => normalise(name) === wanted));
  return dutch?.[0];
}

/** The name a page shows for a column: its first Dutch name, else the API's name. */
export function columnLabel(kind: ImportKind, column: string): string {
  return DUTCH_COLUMNS[kind][column]?.[0] ?? column;
}

/**
 * The file's separator, read from its first line (quoted text left out):
 * a semicolon where Dutch Excel saves "CSV", a comma elsewhere, a tab for
 * text copied from a spreadsheet. The most frequent one wins; a comma on a tie.
 */
export function detectDelimiter(content: string): ',' | ';' | '\t' {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}
