import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SESSION_COOKIE } from '../../src/platform/auth/session-cookie.js';
import { createEmployer, createOrganisation, createUser, type TestUser } from '../support/fixtures.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';

/** The staff's employer pages: adding and changing an employer through the portal's forms. */
describe('employer pages for staff: POST /portal/employers and /portal/employers/:employerId', () => {
  let testApp: TestApp;
  let coach: TestUser;
  let organisationId: string;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  beforeEach(async () => {
    await resetState(testApp);
    organisationId = (await createOrganisation(testApp.dataSource)).id;
    coach = await createUser(testApp, organisationId, 'jobcoach');
  });
  afterAll(() => testApp.close());

  /** A signed-in browser on a portal page: its session cookie and the page form's CSRF token. */
  async function browserOn(user: TestUser, page: string): Promise<{ cookie: string; csrf: string; text: string }> {
    const opened = await request(testApp.http).get(page).set('Cookie', `${SESSION_COOKIE}=${user.token}`);
    expect(opened.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(opened.text)?.[1];
    expect(csrf).toBeTruthy();
    return { cookie: `${SESSION_COOKIE}=${user.token}`, csrf: csrf!, text: opened.text };
  }

  const post = (browser: { cookie: string; csrf: string }, path: string, body: Record<string, string | string[]>) =>
    request(testApp.http)
      .post(path)
      .set('Cookie', browser.cookie)
      .type('form')
      .send({ _csrf: browser.csrf, ...body });

  const employers = async () =>
    (await testApp.dataSource.query(
      'SELECT name, kvk_number, payroll_tax_number, sector_type, employee_count, paid_hours_per_year, target_group_experience, version FROM employer ORDER BY name',
    )) as Array<Record<string, unknown>>;

  it('adds an employer from the form, as the API would, and lists it', async () => {
    const browser = await browserOn(coach, '/portal/employers/new');
    const created = await post(browser, '/portal/employers', {
      name: 'Bakkerij De Korenschoof',
      kvkNumber: '1234 5678',
      payrollTaxNumber: '123456789l01',
      sectorType: 'private',
      employeeCount: '42',
      paidHoursPerYear: '68.166',
      targetGroupExperience: 'some',
    });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe('/portal/employers?saved=created');
    expect(await employers()).toEqual([
      {
        name: 'Bakkerij De Korenschoof',
        kvk_number: '12345678',
        payroll_tax_number: '123456789L01',
        sector_type: 'private',
        employee_count: 42,
        paid_hours_per_year: 68166,
        target_group_experience: 'some',
        version: 1,
      },
    ]);
    const list = await request(testApp.http).get('/portal/employers?saved=created').set('Cookie', browser.cookie);
    expect(list.status).toBe(200);
    expect(list.text).toContain('De werkgever is toegevoegd.');
    expect(list.text).toContain('123456789L01');
  });

  it('shows the form again with 400 and Dutch messages naming each bad field, keeps the typed values, and writes nothing', async () => {
    const browser = await browserOn(coach, '/portal/employers/new');
    const cases: Array<{ body: Record<string, string | string[]>; field: string; message: string }> = [
      { body: { name: '', kvkNumber: '12345678' }, field: 'name', message: 'Vul naam van de werkgever in.' },
      { body: { name: 'Garage Smit', kvkNumber: '1234' }, field: 'kvkNumber', message: 'KvK-nummer: vul 8 cijfers in.' },
      {
        body: { name: 'Garage Smit', payrollTaxNumber: '12345' },
        field: 'payrollTaxNumber',
        message: 'Loonheffingennummer: vul 9 cijfers',
      },
      {
        body: { name: 'Garage Smit', employeeCount: 'veel' },
        field: 'employeeCount',
        message: 'Aantal medewerkers: vul een heel getal in',
      },
      {
        body: { name: 'Garage Smit', paidHoursPerYear: '-5' },
        field: 'paidHoursPerYear',
        message: 'Betaalde uren per jaar mag niet lager zijn dan 0.',
      },
      { body: { name: 'Garage Smit', sectorType: 'kerk' }, field: 'sectorType', message: 'Sector: kies een van de mogelijkheden.' },
      {
        body: { name: 'Garage Smit', targetGroupExperience: 'heel veel' },
        field: 'targetGroupExperience',
        message: 'kies een van de mogelijkheden',
      },
      { body: { name: ['Garage Smit', 'Garage Jansen'] }, field: 'name', message: 'vul één waarde in' },
      { body: { name: 'Garage\r\nSmit' }, field: 'name', message: 'moet op één regel staan' },
    ];
    for (const { body, field, message } of cases) {
      const refused = await post(browser, '/portal/employers', { targetGroupExperience: 'none', ...body });
      expect({ field, status: refused.status }).toEqual({ field, status: 400 });
      expect(refused.headers['content-type']).toMatch(/text\/html/);
      expect(refused.text).toContain(`href="#field-${field}"`);
      expect(refused.text).toContain(message);
      expect(refused.text).toContain('Er is iets niet goed ingevuld');
    }
    // What was typed stays in the form.
    const kept = await post(browser, '/portal/employers', { name: 'Garage Smit', kvkNumber: '1234', payrollTaxNumber: '123456789L01' });
    expect(kept.status).toBe(400);
    expect(kept.text).toContain('value="Garage Smit"');
    expect(kept.text).toContain('value="1234"');
    expect(kept.text).toContain('value="123456789L01"');
    expect(await employers()).toEqual([]);
  });

  it('changes an employer from the prefilled form; bad input answers 400 and changes nothing; an emptied field clears it', async () => {
    const employerId = await createEmployer(testApp.dataSource, organisationId, 'Garage Smit');
    const browser = await browserOn(coach, `/portal/employers/${employerId}/edit`);
    expect(browser.text).toContain('value="Garage Smit"');
    expect(browser.text).toContain('name="version" value="1"');

    const refused = await post(browser, `/portal/employers/${employerId}`, {
      version: '1',
      name: 'Garage Smit',
      payrollTaxNumber: '123456789X01',
      targetGroupExperience: 'none',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#field-payrollTaxNumber"');
    expect(refused.text).toContain('value="123456789X01"');
    const emptied = await post(browser, `/portal/employers/${employerId}`, { version: '1', name: '', targetGroupExperience: 'none' });
    expect(emptied.status).toBe(400);
    expect(emptied.text).toContain('Vul naam van de werkgever in.');
    expect((await employers())[0]).toMatchObject({ name: 'Garage Smit', payroll_tax_number: null, version: 1 });

    const saved = await post(browser, `/portal/employers/${employerId}`, {
      version: '1',
      name: 'Garage Smit',
      kvkNumber: '87654321',
      payrollTaxNumber: '123456789L01',
      sectorType: 'public',
      employeeCount: '',
      paidHoursPerYear: '1.500',
      targetGroupExperience: 'extensive',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/portal/employers?saved=updated');
    expect((await employers())[0]).toMatchObject({
      kvk_number: '87654321',
      payroll_tax_number: '123456789L01',
      sector_type: 'public',
      employee_count: null,
      paid_hours_per_year: 1500,
      target_group_experience: 'extensive',
      version: 2,
    });

    // Saved on an old version: the form says someone else changed it first, and nothing is overwritten.
    const stale = await post(browser, `/portal/employers/${employerId}`, {
      version: '1',
      name: 'Garage Smit BV',
      targetGroupExperience: 'none',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Iemand anders heeft deze werkgever net gewijzigd.');
    expect((await employers())[0]).toMatchObject({ name: 'Garage Smit', kvk_number: '87654321', version: 2 });

    // Emptied: the KvK number is cleared.
    const cleared = await post(browser, `/portal/employers/${employerId}`, {
      version: '2',
      name: 'Garage Smit',
      kvkNumber: '',
      targetGroupExperience: 'extensive',
    });
    expect(cleared.status).toBe(303);
    expect((await employers())[0]).toMatchObject({ kvk_number: null, payroll_tax_number: null, version: 3 });
  });

  it("refuses another organisation's employer with 404 and an employer user with 403, writing nothing", async () => {
    const other = await createOrganisation(testApp.dataSource, 'Ander Werk');
    const foreignId = await createEmployer(testApp.dataSource, other.id, 'Elders BV');
    const browser = await browserOn(coach, '/portal/employers/new');
    const foreign = await post(browser, `/portal/employers/${foreignId}`, {
      version: '1',
      name: 'Overgenomen',
      targetGroupExperience: 'none',
    });
    expect(foreign.status).toBe(404);
    const ownId = await createEmployer(testApp.dataSource, organisationId, 'Garage Smit');
    const employerUser = await createUser(testApp, organisationId, 'employer_user', { employerId: ownId });
    const page = await request(testApp.http)
      .get(`/portal/employers/${ownId}/edit`)
      .set('Cookie', `${SESSION_COOKIE}=${employerUser.token}`);
    expect(page.status).toBe(403);
    expect((await employers()).map((row) => row.name)).toEqual(['Elders BV', 'Garage Smit']);
  });

  it('lets an employer fill in every figure the quota needs on one form, the sector included, and then shows the status', async () => {
    const ownId = await createEmployer(testApp.dataSource, organisationId, 'Garage Smit');
    const employerUser = await createUser(testApp, organisationId, 'employer_user', { employerId: ownId });
    const quota = await request(testApp.http).get('/portal/quota').set('Cookie', `${SESSION_COOKIE}=${employerUser.token}`);
    const missing = [...quota.text.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((match) => match[1]!.trim());
    for (const field of ['Uw loonheffingennummer', 'Of u een overheid of een bedrijf bent (sector)', 'Het aantal medewerkers'])
      expect(missing).toContain(field);

    const browser = await browserOn(employerUser, '/portal/quota/details');
    expect(browser.text).toMatch(/<input[^>]*type="radio" name="sectorType" value="public"(?![^>]*checked)/);
    const withoutSector = await post(browser, '/portal/quota/details', {
      payrollTaxNumber: '123456789L01',
      employeeCount: '40',
      paidHoursPerYear: '64.000',
    });
    expect(withoutSector.status).toBe(400);
    expect(withoutSector.text).toContain('Kies of u een overheid of een bedrijf bent.');
    expect(withoutSector.text).toContain('href="#field-sectorType"');
    expect(withoutSector.text).toContain('value="123456789L01"');
    expect((await employers())[0]).toMatchObject({ payroll_tax_number: null, sector_type: null, employee_count: null });

    const saved = await post(browser, '/portal/quota/details', {
      payrollTaxNumber: '123456789L01',
      sectorType: 'public',
      employeeCount: '40',
      paidHoursPerYear: '64.000',
    });
    expect(saved.status).toBe(303);
    expect((await employers())[0]).toMatchObject({
      payroll_tax_number: '123456789L01',
      sector_type: 'public',
      employee_count: 40,
      paid_hours_per_year: 64000,
    });
    const status = await request(testApp.http).get('/portal/quota?saved=1').set('Cookie', `${SESSION_COOKIE}=${employerUser.token}`);
    expect(status.status).toBe(200);
    expect(status.text).toContain('Uw gegevens zijn opgeslagen.');
    expect(status.text).not.toContain('We kunnen uw stand nog niet berekenen');
  });

  it('keeps the addresses and contact persons on the edit page: added, refused with the field named, removed, and a stale page said', async () => {
    const employerId = await createEmployer(testApp.dataSource, organisationId, 'Garage Smit');
    const stored = async () =>
      (await testApp.dataSource.query('SELECT addresses, contact_persons, version FROM employer WHERE id = $1', [employerId]))[0] as {
        addresses: Array<Record<string, unknown>>;
        contact_persons: Array<Record<string, unknown>>;
        version: number;
      };
    const edit = `/portal/employers/${employerId}/edit`;
    let browser = await browserOn(coach, edit);
    expect(browser.text).toContain('Er is nog geen adres.');
    expect(browser.text).toContain('Er is nog geen contactpersoon.');

    // A postcode in no known area: 400, the postcode named, what was typed kept, nothing written.
    const unknownArea = await post(browser, `/portal/employers/${employerId}/addresses`, {
      version: '1',
      street: 'Kanaalweg',
      houseNumber: '8',
      postcode: '1000 AA',
      city: 'Nergens',
    });
    expect(unknownArea.status).toBe(400);
    expect(unknownArea.text).toContain('href="#field-postcode"');
    expect(unknownArea.text).toContain('value="Kanaalweg"');
    const badFormat = await post(browser, `/portal/employers/${employerId}/addresses`, {
      version: '1',
      street: 'Kanaalweg',
      houseNumber: '',
      postcode: '35',
      city: 'Utrecht',
    });
    expect(badFormat.status).toBe(400);
    expect(badFormat.text).toContain('Postcode: vul 4 cijfers en 2 letters in.');
    expect(badFormat.text).toContain('href="#field-houseNumber"');
    expect(await stored()).toMatchObject({ addresses: [], version: 1 });

    const added = await post(browser, `/portal/employers/${employerId}/addresses`, {
      version: '1',
      street: 'Oudegracht',
      houseNumber: '12a',
      postcode: '3511 ab',
      city: 'Utrecht',
    });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`${edit}?saved=address-added#addresses-title`);
    const [address] = (await stored()).addresses;
    expect(address).toMatchObject({ street: 'Oudegracht', houseNumber: '12a', postcode: '3511 AB', city: 'Utrecht' });
    // Placed from the postcode area, so distances to it can be worked out.
    expect(typeof address!.latitude).toBe('number');

    browser = await browserOn(coach, `${edit}?saved=address-added`);
    expect(browser.text).toContain('Het adres is toegevoegd.');
    expect(browser.text).toContain('Oudegracht 12a<br>3511 AB Utrecht');

    const badEmail = await post(browser, `/portal/employers/${employerId}/contact-persons`, {
      version: '2',
      contactName: 'Joke de Vries',
      contactEmail: 'joke-at-smit',
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.text).toContain('href="#field-contactEmail"');
    expect(badEmail.text).toContain('value="Joke de Vries"');
    const contact = await post(browser, `/portal/employers/${employerId}/contact-persons`, {
      version: '2',
      contactName: 'Joke de Vries',
      contactRole: 'Bedrijfsleider',
      contactEmail: 'Joke@GarageSmit.nl',
      contactPhone: '030 123 45 67',
    });
    expect(contact.status).toBe(303);
    expect(await stored()).toMatchObject({
      contact_persons: [{ name: 'Joke de Vries', role: 'Bedrijfsleider', email: 'joke@garagesmit.nl', phone: '030 123 45 67' }],
      version: 3,
    });

    // A page read before the contact was added (version 2) may not remove the address: the page says so, nothing changes.
    const stale = await post(browser, `/portal/employers/${employerId}/addresses/0/removal`, { version: '2' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Iemand anders heeft deze werkgever net gewijzigd.');
    expect((await stored()).addresses).toHaveLength(1);
    expect((await post(browser, `/portal/employers/${employerId}/addresses/5/removal`, { version: '3' })).status).toBe(404);

    const removed = await post(browser, `/portal/employers/${employerId}/addresses/0/removal`, { version: '3' });
    expect(removed.status).toBe(303);
    const removedContact = await post(browser, `/portal/employers/${employerId}/contact-persons/0/removal`, { version: '4' });
    expect(removedContact.status).toBe(303);
    expect(await stored()).toMatchObject({ addresses: [], contact_persons: [], version: 5 });

    // Another organisation's employer: 404, nothing written.
    const other = await createOrganisation(testApp.dataSource, 'Ander Werk');
    const foreignId = await createEmployer(testApp.dataSource, other.id, 'Elders BV');
    const foreign = await post(browser, `/portal/employers/${foreignId}/addresses`, {
      version: '1',
      street: 'Oudegracht',
      houseNumber: '1',
      postcode: '3511 AB',
      city: 'Utrecht',
    });
    expect(foreign.status).toBe(404);
    const [elders] = await testApp.dataSource.query('SELECT addresses, version FROM employer WHERE id = $1', [foreignId]);
    expect(elders).toEqual({ addresses: [], version: 1 });
  });

  it("chooses the employer's contact among the organisation's active coaches and team leads, and keeps one who left until replaced", async () => {
    const lead = await createUser(testApp, organisationId, 'team_lead');
    const leaving = await createUser(testApp, organisationId, 'jobcoach');
    const employerUser = await createUser(testApp, organisationId, 'employer_user', {
      employerId: await createEmployer(testApp.dataSource, organisationId, 'Elders'),
    });
    const otherOrganisation = await createOrganisation(testApp.dataSource, 'Ander Werk');
    const stranger = await createUser(testApp, otherOrganisation.id, 'jobcoach');
    const options = (html: string) =>
      [
        ...(/<select[^>]*name="contactCoachMembershipId"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(
          /<option value="([^"]*)"( selected)?>/g,
        ),
      ].map((match) => ({ value: match[1], selected: match[2] !== undefined }));

    // A new employer: the coach who adds it is preselected, as the service would choose; only caseworkers of this organisation.
    const fresh = await browserOn(coach, '/portal/employers/new');
    const offered = options(fresh.text);
    expect(offered.find((option) => option.selected)?.value).toBe(coach.membershipId);
    expect(offered.map((option) => option.value).sort()).toEqual([coach.membershipId, lead.membershipId, leaving.membershipId].sort());
    for (const outsider of [employerUser, stranger]) expect(offered.map((option) => option.value)).not.toContain(outsider.membershipId);

    const created = await post(fresh, '/portal/employers', {
      name: 'Garage Smit',
      contactCoachMembershipId: leaving.membershipId,
      targetGroupExperience: 'none',
    });
    expect(created.status).toBe(303);
    const [{ id: employerId }] = await testApp.dataSource.query("SELECT id FROM employer WHERE name = 'Garage Smit'");
    const contact = async () =>
      (await testApp.dataSource.query('SELECT contact_coach_membership_id, version FROM employer WHERE id = $1', [employerId]))[0];
    expect(await contact()).toEqual({ contact_coach_membership_id: leaving.membershipId, version: 1 });

    // The contact leaves: the page says so and keeps them; saving other details does not fail on it.
    await testApp.dataSource.query("UPDATE membership SET status = 'disabled' WHERE id = $1", [leaving.membershipId]);
    const edit = await browserOn(coach, `/portal/employers/${employerId}/edit`);
    expect(options(edit.text)[0]).toEqual({ value: leaving.membershipId, selected: true });
    expect(edit.text).toContain('Iemand die hier niet meer werkt');
    const kept = await post(edit, `/portal/employers/${employerId}`, {
      version: '1',
      name: 'Garage Smit',
      contactCoachMembershipId: leaving.membershipId,
      kvkNumber: '12345678',
      targetGroupExperience: 'none',
    });
    expect(kept.status).toBe(303);
    expect(await contact()).toEqual({ contact_coach_membership_id: leaving.membershipId, version: 2 });

    // Someone who may not be a contact (an employer user, another organisation's coach): the field named, nothing written.
    for (const outsider of [employerUser, stranger]) {
      const refused = await post(edit, `/portal/employers/${employerId}`, {
        version: '2',
        name: 'Garage Smit',
        contactCoachMembershipId: outsider.membershipId,
        targetGroupExperience: 'none',
      });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('href="#field-contactCoachMembershipId"');
      expect(refused.text).toContain('Kies een jobcoach of teamleider van uw organisatie die nog actief is.');
    }
    expect(await contact()).toEqual({ contact_coach_membership_id: leaving.membershipId, version: 2 });

    const replaced = await post(edit, `/portal/employers/${employerId}`, {
      version: '2',
      name: 'Garage Smit',
      contactCoachMembershipId: lead.membershipId,
      kvkNumber: '12345678',
      targetGroupExperience: 'none',
    });
    expect(replaced.status).toBe(303);
    expect(await contact()).toEqual({ contact_coach_membership_id: lead.membershipId, version: 3 });
  });
});
