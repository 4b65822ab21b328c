import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { riskReasonCounts } from '../../src/reports/reports.service.js';
import { type ReportWorld, SECRET_NAME, seedReportWorld, TODAY } from './report-world.js';

const PERIOD = { from: '2025-01-01', to: '2026-12-01' };
const SUPPRESSED = { value: null, display: '< 5' };
/** A suppressed rate, share or median: never "< 5", which would read as "less than 5%" or "less than 5 days". */
const NOT_SHOWN = { value: null, display: '–' };

type Figure = { value: number | null; display: string };

/**
 * Every drop-out reason code, in the order a funder always gets them (a drop-out without a code last), and in words.
 * For a funder "health" is "Gezondheid en welzijn" (health_wellbeing).
 */
const DROPOUT_REASON_CODES = [
  'placed_regular',
  'placed_subsidised',
  'sheltered_work',
  'returned_to_commissioner',
  'dropped_out',
  'referred_elsewhere',
  'participant_opted_out',
  'employer_ended',
  'health_wellbeing',
  'other',
  'not_recorded',
];
const DROPOUT_REASON_WORDS = [
  'Regulier aan het werk',
  'Aan het werk met subsidie',
  'Beschut werk',
  'Terug naar de opdrachtgever',
  'Uitgevallen',
  'Doorverwezen',
  'Deelnemer wilde stoppen',
  'Werkgever stopte',
  'Gezondheid en welzijn',
  'Andere reden',
  'Geen reden vastgelegd',
];
/**
 * Every reason a risk flag can have (the check-in signals), in the order a funder always gets them, in words. The
 * health-related ones (sickness, doubt about reporting sick, relapse) are one row for a funder: "Gezondheid en welzijn".
 */
const RISK_REASON_CODES = [
  'lateness',
  'health_wellbeing',
  'conflict_about_hours',
  'work_too_heavy',
  'work_too_light',
  'production_pressure',
  'pay_problems',
  'loss_of_contact',
];
const RISK_REASON_WORDS = [
  'Te laat komen',
  'Gezondheid en welzijn',
  'Onenigheid over uren',
  'Werk te zwaar',
  'Werk te licht',
  'Productiedruk',
  'Problemen met loon',
  'Contact verloren',
];
/** The staff's detailed health-related words, which a funder never gets. */
const HEALTH_WORDS = ['Ziekte', 'Twijfel over ziekmelden', 'Terugval', 'Gezondheid'];
/** Every early-warning rule, in the order a funder always gets them, in words. */
const RISK_RULE_CODES = ['low_hours', 'missed_checkins', 'contact_below_plan', 'renewal_talk_due', 'low_satisfaction'];
const RISK_RULE_WORDS = [
  'Weinig uren per week',
  'Nazorggesprekken op rij gemist',
  'Minder contact dan afgesproken',
  'Contract loopt af, nog geen gesprek over verlenging',
  'Laag cijfer voor de begeleiding',
];

/** The rows of one CSV section: after its title (a row of one cell) and its header, up to the next title. */
function csvSection(rows: string[][], title: string): string[][] {
  const start = rows.findIndex((cells) => cells.length === 1 && cells[0] === title);
  if (start < 0) return [];
  const after = rows.slice(start + 2);
  const end = after.findIndex((cells) => cells.length === 1);
  return end < 0 ? after : after.slice(0, end);
}

/** Everything a funder must never see: names, and ids of people, placements, coaches and the other funder. */
function forbidden(world: ReportWorld): string[] {
  return [
    SECRET_NAME,
    // First names (the label "Deelnemer wilde stoppen" is no name).
    ...Object.keys(world.participantIds).map((key) => `Deelnemer${key}`),
    ...Object.values(world.participantIds),
    ...Object.values(world.placementIds),
    world.coach.membershipId,
    world.otherCoach.membershipId,
    world.coach.userId,
    world.uwvFunderId,
    world.coach.email,
  ];
}

function leaks(text: string, world: ReportWorld): string[] {
  return forbidden(world).filter((secret) => text.includes(secret));
}

/** The cells of the table row whose header reads `label`, tags stripped. */
function rowCells(html: string, label: string): string[] {
  const row = html.split('<tr').find((part) => part.includes(`scope="row">${label}</th>`));
  if (!row) return [];
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, '').trim());
}

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('the funder role: aggregates of its own trajectories only, small cells suppressed on every road', () => {
  let testApp: TestApp;
  let world: ReportWorld;

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
  });
  beforeEach(async () => {
    await resetState(testApp);
    testApp.clock.set(TODAY);
    world = await seedReportWorld(testApp);
  });
  afterAll(() => testApp.close());

  const get = (path: string, auth: Record<string, string>, query: Record<string, string> = {}) =>
    request(testApp.http)
      .get(path)
      .query({ ...PERIOD, ...query })
      .set(auth);

  it('shows the funder its own funnel, with cells under 5 people and the figures derived from them suppressed', async () => {
    const response = await get('/v1/reports/outcomes', world.noordUser.auth);
    expect(response.status).toBe(200);
    const funnel = response.body.funnel as Array<{ stage: string; count: Figure; base: Figure | null; conversion: Figure | null }>;
    const byStage = Object.fromEntries(funnel.map((row) => [row.stage, row]));
    expect(byStage.registered!.count).toEqual({ value: 9, display: '9' });
    expect(byStage.profileComplete!.conversion).toEqual({ value: 0.889, display: '89%' });
    // 6 of the 7 at the trial stage or further (P9 went straight to a contract) got a contract.
    expect(byStage.contract).toMatchObject({ count: { value: 6 }, base: { value: 7 }, conversion: { value: 0.857 } });
    // 4 of 5 still working at 6 months, 3 of 5 at 12: the counts are "< 5", their rates "–", the base of 5 is shown.
    expect(byStage.working6Months).toEqual({
      stage: 'working6Months',
      count: SUPPRESSED,
      base: { value: 5, display: '5' },
      conversion: NOT_SHOWN,
    });
    expect(byStage.working12Months).toEqual({
      stage: 'working12Months',
      count: SUPPRESSED,
      base: { value: 5, display: '5' },
      conversion: NOT_SHOWN,
    });
    expect(byStage.working36Months).toEqual({ stage: 'working36Months', count: SUPPRESSED, base: SUPPRESSED, conversion: NOT_SHOWN });
    expect(response.body.scope).toMatchObject({
      funderId: world.noordFunderId,
      smallCellThreshold: 5,
      teamId: null,
      coachMembershipId: null,
    });
    // One person each stopped for health and because the employer ended it; every other reason is there too, also
    // "< 5", in the fixed order: whether a row is there tells nothing.
    expect(response.body.dropoutReasons).toEqual(DROPOUT_REASON_CODES.map((reason) => ({ reason, count: SUPPRESSED })));
    // Median days over 5 or more people stay; the retention curve stops showing where fewer than 5 are followed.
    const steps = response.body.steps as Array<{ from: string; to: string; medianDays: Figure }>;
    expect(steps.find((row) => row.from === 'trialPlacement')!.medianDays).toEqual({ value: 61, display: '61' });
    const retention = response.body.retention as Array<{ month: number; share: Figure; atRisk: Figure; ended: unknown; censored: unknown }>;
    expect(retention.slice(0, 6).map((point) => [point.month, point.share.display, point.atRisk.display])).toEqual([
      [0, '100%', '6'],
      [1, '100%', '6'],
      [2, '100%', '6'],
      [3, '100%', '6'],
      [4, '100%', '5'],
      [5, '–', '< 5'],
    ]);
    expect(retention.slice(5).every((point) => point.share.value === null && point.atRisk.value === null)).toBe(true);
    expect(retention.every((point) => point.ended === null && point.censored === null)).toBe(true);
    // No rate, share or median anywhere reads "< 5".
    const derived = [
      ...funnel.map((row) => row.conversion),
      ...steps.map((row) => row.medianDays),
      ...retention.map((point) => point.share),
    ].filter((figure): figure is Figure => figure !== null);
    expect(derived.filter((figure) => figure.display.startsWith('<'))).toEqual([]);
    expect(derived.filter((figure) => figure.value === null).every((figure) => figure.display === '–')).toBe(true);
    expect(leaks(JSON.stringify(response.body), world)).toEqual([]);
  });

  it("never shows another funder's trajectories: not by asking for them, nor through team or coach filters", async () => {
    const asked = await get('/v1/reports/outcomes', world.noordUser.auth, {
      funderId: world.uwvFunderId,
      teamId: world.teamLead.membershipId,
      coachMembershipId: world.otherCoach.membershipId,
    });
    expect(asked.status).toBe(200);
    expect(asked.body.scope.funderId).toBe(world.noordFunderId);
    expect(asked.body.funnel[0].count).toEqual({ value: 9, display: '9' });
    // UWV's own user sees its three people as "< 5", never Noord's nine (nor the organisation's twelve).
    const uwv = await get('/v1/reports/outcomes', world.uwvUser.auth);
    expect(uwv.body.funnel[0].count).toEqual(SUPPRESSED);
    expect(JSON.stringify(uwv.body)).not.toMatch(/"value":(9|12),/);
    // A funder of another organisation sees none of these trajectories.
    const stranger = await get('/v1/reports/outcomes', world.otherOrganisation.funderUser.auth);
    expect(stranger.status).toBe(200);
    expect(stranger.body.funnel[0].count).toEqual(SUPPRESSED);
    expect(stranger.body.retention).toEqual([]);
  });

  it('sums aftercare over coaches for a funder, names no coach, and suppresses small cells', async () => {
    const response = await get('/v1/reports/aftercare-delivery', world.noordUser.auth);
    expect(response.status).toBe(200);
    // Coach Zuid's check-in is UWV's (Q1), so it is not in Noord's June.
    expect(response.body.checkins).toEqual([
      {
        month: '2025-06',
        coachMembershipId: null,
        coachName: null,
        planned: SUPPRESSED,
        held: SUPPRESSED,
        missed: SUPPRESSED,
        overdue: SUPPRESSED,
      },
      {
        month: '2025-07',
        coachMembershipId: null,
        coachName: null,
        planned: SUPPRESSED,
        held: SUPPRESSED,
        missed: SUPPRESSED,
        overdue: SUPPRESSED,
      },
    ]);
    expect(response.body.helpRequests[0]).toMatchObject({ requests: SUPPRESSED, medianHoursToContact: NOT_SHOWN });
    // Flags for lateness and relapse; every other signal is listed too, in the fixed order.
    expect(response.body.riskFlags).toEqual({
      raised: SUPPRESSED,
      byReason: RISK_REASON_CODES.map((reason) => ({ reason, count: SUPPRESSED })),
      byRule: RISK_RULE_CODES.map((reason) => ({ reason, count: SUPPRESSED })),
    });
    expect(leaks(JSON.stringify(response.body), world)).toEqual([]);
  });

  it('lists every drop-out reason and every risk reason for each funder, in one order and in words: a row never tells that a reason occurred', async () => {
    // Noord had drop-outs and flags, UWV fewer, the other organisation's funder none: the same rows for all three.
    for (const user of [world.noordUser, world.uwvUser, world.otherOrganisation.funderUser]) {
      const outcomes = await get('/v1/reports/outcomes', user.auth);
      expect(outcomes.body.dropoutReasons.map((row: { reason: string }) => row.reason)).toEqual(DROPOUT_REASON_CODES);
      const aftercare = await get('/v1/reports/aftercare-delivery', user.auth);
      expect(aftercare.body.riskFlags.byReason.map((row: { reason: string }) => row.reason)).toEqual(RISK_REASON_CODES);
      expect(aftercare.body.riskFlags.byRule.map((row: { reason: string }) => row.reason)).toEqual(RISK_RULE_CODES);
      const csv = await get('/v1/reports/export', user.auth, { format: 'csv' });
      const rows = parse(csv.text, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
      expect(csvSection(rows, 'Reden einde werk')).toEqual(DROPOUT_REASON_WORDS.map((words) => [words, '< 5']));
      expect(csvSection(rows, "Risico's")).toEqual([
        ['Plaatsingen met een risico', '< 5'],
        ...RISK_REASON_WORDS.map((words) => [words, '< 5']),
      ]);
      expect(csvSection(rows, 'Waarschuwingen')).toEqual(RISK_RULE_WORDS.map((words) => [words, '< 5']));
      // No code in the file: "lateness" reads "Te laat komen".
      for (const code of [...RISK_REASON_CODES, ...RISK_RULE_CODES]) expect(csv.text).not.toContain(code);
      // Health is one row: never "Ziekte", "Terugval" or "Gezondheid" on its own.
      for (const words of HEALTH_WORDS) expect(rows).not.toContainEqual([words, '< 5']);
    }
    // A part the page hides in words has the same words in the file, not headings over nothing; the words hold for
    // none and for a few alike (the other organisation's funder has no contracts at all).
    const strangerCsv = await get('/v1/reports/export', world.otherOrganisation.funderUser.auth, { format: 'csv' });
    const strangerRows = parse(strangerCsv.text, {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
    expect(csvSection(strangerRows, 'Nog aan het werk')).toEqual([['Geen cijfers: het gaat om minder dan 5 mensen.', '', '']]);
    const xlsx = await get('/v1/reports/export', world.noordUser.auth, { format: 'xlsx' }).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const cells = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getRows(2, workbook.getWorksheet(name)!.rowCount - 1)!
        .map((row) => [row.getCell(1).value, row.getCell(2).value]);
    expect(cells('Reden einde werk')).toEqual(DROPOUT_REASON_WORDS.map((words) => [words, '< 5']));
    expect(cells("Risico's")).toEqual([['Plaatsingen met een risico', '< 5'], ...RISK_REASON_WORDS.map((words) => [words, '< 5'])]);
    expect(cells('Waarschuwingen')).toEqual(RISK_RULE_WORDS.map((words) => [words, '< 5']));
    // The page's risk table: every reason in words, each "< 5".
    const page = await request(testApp.http).get('/portal/reports').query(PERIOD).set(world.noordUser.auth);
    const risks = page.text.slice(page.text.indexOf('id="risks-title"'));
    expect([...risks.matchAll(/scope="row">([^<]*)<\/th>/g)].map((match) => match[1])).toEqual([
      'Plaatsingen met een risico',
      ...RISK_REASON_WORDS,
      ...RISK_RULE_WORDS,
    ]);
    for (const words of [...RISK_REASON_WORDS, ...RISK_RULE_WORDS]) expect(rowCells(page.text, words)).toEqual(['&lt; 5']);
    for (const code of [...RISK_REASON_CODES, ...RISK_RULE_CODES]) expect(page.text).not.toContain(`>${code}<`);
    // The page's drop-out reasons: health as one row too (Noord's are all under 5, so the page says so in one sentence).
    for (const words of HEALTH_WORDS) expect(page.text).not.toContain(`scope="row">${words}</th>`);
  });

  it('shows staff the reasons that occurred, most first, the risk reasons in words on the page and in the export', async () => {
    const outcomes = await get('/v1/reports/outcomes', world.admin.auth, { funderId: world.noordFunderId });
    expect(outcomes.body.dropoutReasons).toEqual([
      { reason: 'employer_ended', count: { value: 1, display: '1' } },
      { reason: 'health', count: { value: 1, display: '1' } },
    ]);
    const csv = await get('/v1/reports/export', world.admin.auth, { format: 'csv' });
    const rows = parse(csv.text, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    expect(csvSection(rows, "Risico's")).toEqual([
      ['Plaatsingen met een risico', '2'],
      ['Te laat komen', '2'],
      ['Terugval', '1'],
    ]);
    // Staff keep the detailed health-related categories.
    expect(csvSection(rows, 'Reden einde werk')).toContainEqual(['Gezondheid', '1']);
    expect(rows.flat()).not.toContain('Gezondheid en welzijn');
    const xlsx = await get('/v1/reports/export', world.admin.auth, { format: 'xlsx' }).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const sheet = workbook.getWorksheet("Risico's")!;
    expect(sheet.getRows(2, sheet.rowCount - 1)!.map((row) => [row.getCell(1).value, row.getCell(2).value])).toEqual([
      ['Plaatsingen met een risico', 2],
      ['Te laat komen', 2],
      ['Terugval', 1],
    ]);
    const page = await request(testApp.http).get('/portal/reports').query(PERIOD).set(world.admin.auth);
    expect(rowCells(page.text, 'Te laat komen')).toEqual(['2']);
    expect(rowCells(page.text, 'Terugval')).toEqual(['1']);
    expect(page.text).not.toContain('>lateness<');
    expect(page.text).not.toContain('Gezondheid en welzijn');
  });

  it('merges the health-related reasons into one row for a funder, counting a placement with two of them once', async () => {
    // Three placements with a health-related signal, one of them with two: for a funder 3 placements, not 4.
    await testApp.dataSource.query('UPDATE placement SET risk_flag_raised_at = $2, risk_flag_reasons = $3 WHERE id = $1', [
      world.placementIds.P2,
      '2025-08-05T09:00:00Z',
      ['sickness: severe', 'unsure_about_reporting_sick: repeated'],
    ]);
    await testApp.dataSource.query('UPDATE placement SET risk_flag_raised_at = $2, risk_flag_reasons = $3 WHERE id = $1', [
      world.placementIds.P4,
      '2025-08-06T09:00:00Z',
      ['sickness: repeated'],
    ]);
    // Staff: every category on its own (P1 relapse and lateness, P2 sickness and doubt, P3 lateness, P4 sickness).
    const staff = await get('/v1/reports/aftercare-delivery', world.admin.auth);
    expect(staff.body.riskFlags.byReason.map((row: { reason: string; count: Figure }) => [row.reason, row.count.value])).toEqual([
      ['lateness', 2],
      ['sickness', 2],
      ['relapse', 1],
      ['unsure_about_reporting_sick', 1],
    ]);
    // The counting a funder gets, before the "< 5": P1, P2 and P4 under health, each once.
    expect(
      riskReasonCounts(
        [
          ['relapse: severe', 'lateness: repeated'],
          ['sickness: severe', 'unsure_about_reporting_sick: repeated'],
          ['lateness: repeated'],
          ['sickness: repeated'],
        ],
        true,
      ),
    ).toEqual([
      ['health_wellbeing', 3],
      ['lateness', 2],
    ]);
    const funder = await get('/v1/reports/aftercare-delivery', world.noordUser.auth);
    expect(funder.body.riskFlags.byReason.map((row: { reason: string }) => row.reason)).toEqual(RISK_REASON_CODES);
    const outcomes = await get('/v1/reports/outcomes', world.noordUser.auth);
    expect(outcomes.body.dropoutReasons.find((row: { reason: string }) => row.reason === 'health')).toBeUndefined();
    expect(outcomes.body.dropoutReasons.find((row: { reason: string }) => row.reason === 'health_wellbeing')).toEqual({
      reason: 'health_wellbeing',
      count: SUPPRESSED,
    });
    const xlsx = await get('/v1/reports/export', world.noordUser.auth, { format: 'xlsx' }).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const words = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((cells) => (Array.isArray(cells) ? cells : [])));
    expect(words).toContain('Gezondheid en welzijn');
    for (const detail of HEALTH_WORDS) expect(words).not.toContain(detail);
  });

  it('exports CSV with the same suppression, no name and no id (parsed back)', async () => {
    const response = await get('/v1/reports/export', world.noordUser.auth, { format: 'csv' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    // The file is named after the period and the funder (a funder always sees its own trajectories).
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="werkbrug-resultaten-2025-01-01-2026-12-01-financier-gemeente-noord.csv"',
    );
    const rows = parse(response.text, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    const row = (label: string) => rows.find((cells) => cells[0] === label)!;
    expect(row('Aangemeld')).toEqual(['Aangemeld', '9', '', '']);
    expect(row('Contract')).toEqual(['Contract', '6', '7', '86%']);
    // The count "< 5", its rate "–": a rate never reads "less than 5%".
    expect(row('Na 6 maanden nog aan het werk')).toEqual(['Na 6 maanden nog aan het werk', '< 5', '5', '–']);
    expect(row('Gezondheid en welzijn')).toEqual(['Gezondheid en welzijn', '< 5']);
    expect(rows.find((cells) => cells[0] === 'Gezondheid')).toBeUndefined();
    expect(row('Financier')).toEqual(['Financier', 'Gemeente Noord']);
    // The header block explains both markers.
    expect(row('Kleine aantallen')).toEqual(['Kleine aantallen', 'Een aantal van minder dan 5 mensen staat er als "< 5"']);
    expect(row('Percentages en dagen')).toEqual([
      'Percentages en dagen',
      '"–" betekent: niet getoond, want het gaat om minder dan 5 mensen',
    ]);
    // Month 5 of the retention: its share "–", the people followed "< 5".
    expect(rows).toContainEqual(['5', '–', '< 5']);
    // A funder cannot filter on team or coach, so the file names neither.
    expect(rows.find((cells) => cells[0] === 'Coach')).toBeUndefined();
    // No cell got a formula guard: figures, markers and empty cells are plain.
    expect(rows.flat().filter((cell) => cell.startsWith("'"))).toEqual([]);
    expect(leaks(response.text, world)).toEqual([]);
    expect(response.text).not.toContain('UWV');
  });

  it('exports XLSX with a sheet per table and the same suppression (parsed back)', async () => {
    const response = await get('/v1/reports/export', world.noordUser.auth, { format: 'xlsx' }).buffer(true).parse(binary);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const funnel = workbook.getWorksheet('Trajecten')!;
    const values = (sheet: ExcelJS.Worksheet) =>
      sheet.getSheetValues().flatMap((cells) => (Array.isArray(cells) ? [cells.slice(1).map((cell) => String(cell ?? ''))] : []));
    expect(values(funnel)).toContainEqual(['Na 12 maanden nog aan het werk', '< 5', '5', '–']);
    // The first stage has no base and no rate: empty cells, not text.
    expect(values(funnel)).toContainEqual(['Aangemeld', '9']);
    // Figures are numbers (a rate a fraction with a % format), suppressed cells their marker as text.
    const contract = funnel.getRows(1, funnel.rowCount)!.find((row) => row.getCell(1).value === 'Contract')!;
    expect([contract.getCell(2).type, contract.getCell(2).value]).toEqual([ExcelJS.ValueType.Number, 6]);
    expect([contract.getCell(3).type, contract.getCell(3).value]).toEqual([ExcelJS.ValueType.Number, 7]);
    expect([contract.getCell(4).type, contract.getCell(4).value, contract.getCell(4).numFmt]).toEqual([
      ExcelJS.ValueType.Number,
      0.857,
      '0%',
    ]);
    const later = funnel.getRows(1, funnel.rowCount)!.find((row) => row.getCell(1).value === 'Na 6 maanden nog aan het werk')!;
    expect([later.getCell(2).type, later.getCell(2).value]).toEqual([ExcelJS.ValueType.String, '< 5']);
    expect([later.getCell(3).type, later.getCell(3).value]).toEqual([ExcelJS.ValueType.Number, 5]);
    expect([later.getCell(4).type, later.getCell(4).value]).toEqual([ExcelJS.ValueType.String, '–']);
    const first = funnel.getRows(1, funnel.rowCount)!.find((row) => row.getCell(1).value === 'Aangemeld')!;
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Null);
    const steps = workbook.getWorksheet('Doorlooptijd')!;
    const trialToContract = steps.getRows(1, steps.rowCount)!.find((row) => row.getCell(1).value === 'Proefplaatsing')!;
    // 5 people, 61 days: numbers; the people left out (0) is a count under 5, so "< 5".
    expect([trialToContract.getCell(3).value, trialToContract.getCell(4).value, trialToContract.getCell(5).value]).toEqual([5, 61, '< 5']);
    const retention = workbook.getWorksheet('Nog aan het werk')!;
    expect(retention.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect([retention.getRow(2).getCell(2).value, retention.getRow(2).getCell(2).numFmt]).toEqual([1, '0%']);
    const everything = workbook.worksheets.map((sheet) => JSON.stringify(values(sheet))).join('\n');
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Over dit overzicht',
      'Trajecten',
      'Doorlooptijd',
      'Reden einde werk',
      'Nog aan het werk',
      'Gesprekken nazorg',
      'Hulpvragen',
      "Risico's",
      'Waarschuwingen',
    ]);
    expect(leaks(everything, world)).toEqual([]);
    expect(everything).not.toContain('UWV');
  });

  it('shows the page with "< 5", the funder’s name, and no person; the export links download the same', async () => {
    const page = await request(testApp.http).get('/portal/reports').query(PERIOD).set(world.noordUser.auth);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Gemeente Noord');
    expect(page.text).toContain('&lt; 5');
    expect(page.text).toContain('<svg class="chart chart--report"');
    expect(leaks(page.text, world)).toEqual([]);
    expect(page.text).not.toContain('UWV');
    const csv = await request(testApp.http)
      .get('/portal/reports/export')
      .query({ ...PERIOD, format: 'csv' })
      .set(world.noordUser.auth);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('< 5');
    expect(leaks(csv.text, world)).toEqual([]);
    // Signed in, a funder lands on the report page.
    const home = await request(testApp.http).get('/portal').set(world.noordUser.auth);
    expect(home.headers.location).toBe('/portal/reports');
  });

  it('shows a suppressed rate or median on the page as "–" with words for a screen reader, and explains it beside the table', async () => {
    const page = await request(testApp.http).get('/portal/reports').query(PERIOD).set(world.noordUser.auth);
    expect(page.status).toBe(200);
    // 4 of 5 still working at 6 months: the count "< 5", the base 5, the rate "–" (not "< 5", which reads "less than 5%").
    expect(rowCells(page.text, 'Na 6 maanden nog aan het werk')).toEqual(['&lt; 5', '5', '–niet getoond']);
    expect(page.text).toContain('<span aria-hidden="true">–</span><span class="visually-hidden">niet getoond</span>');
    expect(page.text).not.toMatch(/<span aria-hidden="true">&lt;/);
    expect(page.text).toContain('&quot;–&quot; betekent: niet getoond, want het gaat om minder dan 5 mensen.');
    expect(page.text).toContain('aria-describedby="funnel-legend"');
  });

  it('never gives away a 0 on the funder page: where every figure of a part is under 5, one sentence holds for 0 and 1 to 4 alike', async () => {
    const sentences = {
      noContract: 'Er is nog niemand met een contract.',
      noReason: 'Er is nog bij niemand werk gestopt.',
      noCheckins: 'Er waren geen gesprekken gepland in deze periode.',
      noHelp: 'Er waren geen hulpvragen in deze periode.',
    };
    const page = async (auth: Record<string, string>) => {
      const response = await request(testApp.http).get('/portal/reports').query(PERIOD).set(auth);
      expect(response.status).toBe(200);
      return response.text;
    };
    // Noord: two reasons of one person each, check-ins and help requests under 5 a month.
    const noord = await page(world.noordUser.auth);
    expect(noord).toContain('Per reden gaat het om minder dan 5 mensen. Daarom tonen we hier geen cijfers.');
    expect(noord).toContain('Per maand gaat het om minder dan 5 gesprekken. Daarom tonen we hier geen cijfers.');
    expect(noord).toContain('Per maand gaat het om minder dan 5 hulpvragen. Daarom tonen we hier geen cijfers.');
    // UWV has one contract (Q1), the other organisation's funder none: both read the same sentence.
    const uwv = await page(world.uwvUser.auth);
    const stranger = await page(world.otherOrganisation.funderUser.auth);
    for (const text of [noord, uwv, stranger]) for (const sentence of Object.values(sentences)) expect(text).not.toContain(sentence);
    for (const text of [uwv, stranger]) {
      expect(text).toContain('Dit gaat over minder dan 5 mensen met een contract. Daarom tonen we hier geen cijfers.');
      expect(text).toContain('Per reden gaat het om minder dan 5 mensen.');
      expect(text).not.toContain('aria-labelledby="retention-caption"');
    }
    // Staff see the plain sentences: a 0 is no secret to them.
    const admin = await request(testApp.http).get('/portal/reports').query({ from: '2026-06-01', to: '2026-12-01' }).set(world.admin.auth);
    expect(admin.text).toContain(sentences.noContract);
  });

  it('heads a staff CSV with every filter in use by name (team and coach too), figures and empty cells plain', async () => {
    await testApp.dataSource.query("UPDATE user_account SET display_name = 'Sanne de Coach' WHERE id = $1", [world.coach.userId]);
    const [{ team_id: teamId }] = await testApp.dataSource.query('SELECT team_id FROM membership WHERE id = $1', [
      world.coach.membershipId,
    ]);
    const response = await get('/v1/reports/export', world.admin.auth, {
      format: 'csv',
      teamId,
      coachMembershipId: world.coach.membershipId,
      funderId: world.noordFunderId,
      targetGroup: 'wajong',
      sector: 'private',
    });
    expect(response.status).toBe(200);
    const rows = parse(response.text, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    const row = (label: string) => rows.find((cells) => cells[0] === label)!;
    expect(row('Financier')).toEqual(['Financier', 'Gemeente Noord']);
    expect(row('Team')).toEqual(['Team', 'Team Noord']);
    expect(row('Coach')).toEqual(['Coach', 'Sanne de Coach']);
    expect(row('Doelgroep')).toEqual(['Doelgroep', 'Wajong']);
    expect(row('Sector werkgever')).toEqual(['Sector werkgever', 'Bedrijfsleven']);
    // The file is named after every filter in use, as short slugs (a coach by their staff name, never a participant's).
    const name =
      'werkbrug-resultaten-2025-01-01-2026-12-01-team-noord-coach-sanne-de-coach-financier-gemeente-noord-doelgroep-wajong-sector-bedrijfsleven';
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${name}.csv"`);
    const filters = {
      teamId,
      coachMembershipId: world.coach.membershipId,
      funderId: world.noordFunderId,
      targetGroup: 'wajong',
      sector: 'private',
    };
    const xlsx = await get('/v1/reports/export', world.admin.auth, { format: 'xlsx', ...filters });
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="${name}.xlsx"`);
    // The page's download link names the file the same way.
    const fromPage = await get('/portal/reports/export', world.admin.auth, { format: 'csv', ...filters });
    expect(fromPage.headers['content-disposition']).toBe(`attachment; filename="${name}.csv"`);
    // One filter: only that one in the name.
    const oneFilter = await get('/v1/reports/export', world.admin.auth, { format: 'xlsx', targetGroup: 'wsw_indicatie', sector: 'public' });
    expect(oneFilter.headers['content-disposition']).toBe(
      'attachment; filename="werkbrug-resultaten-2025-01-01-2026-12-01-doelgroep-wsw-indicatie-sector-overheid.xlsx"',
    );
    // Nobody followed 3 years: an empty rate, not a guarded "'-".
    expect(row('Na 3 jaar nog aan het werk')).toEqual(['Na 3 jaar nog aan het werk', '0', '0', '']);
    expect(rows.flat().filter((cell) => cell.startsWith("'"))).toEqual([]);
    expect(leaks(response.text, world)).toEqual([]);
    // Without filters every row reads "Alle".
    const plain = await get('/v1/reports/export', world.admin.auth, { format: 'csv' });
    expect(plain.headers['content-disposition']).toBe('attachment; filename="werkbrug-resultaten-2025-01-01-2026-12-01.csv"');
    const plainRows = parse(plain.text, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    expect(plainRows.filter((cells) => ['Team', 'Coach'].includes(cells[0]!))).toEqual([
      ['Team', 'Alle'],
      ['Coach', 'Alle'],
    ]);
  });

  it('keeps staff figures whole (their own organisation) and keeps the reports from coaches, participants and employers', async () => {
    const admin = await get('/v1/reports/outcomes', world.admin.auth, { funderId: world.noordFunderId });
    expect(admin.body.scope.smallCellThreshold).toBeNull();
    expect(admin.body.funnel.find((row: { stage: string }) => row.stage === 'working6Months').count).toEqual({ value: 4, display: '4' });
    const page = await request(testApp.http).get('/portal/reports').query(PERIOD).set(world.admin.auth);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('&lt; 5');
    const coach = await get('/v1/reports/outcomes', world.coach.auth);
    expect(coach.status).toBe(403);
  });
});
