import { describe, expect, it } from '@jest/globals';
import '../../../src/portal/employer/employer.i18n.js';
import { pageErrors } from '../../../src/portal/help/page-support.js';
import { formErrors } from '../../../src/portal/portal-context.js';

const labels = { hoursPerWeek: 'Uren per week', month: 'Maand', key: 'Regel', name: 'Naam' };

describe('form errors in plain words', () => {
  it('names the field by its label and says what to do, in Dutch, with Dutch numbers', () => {
    const errors = formErrors(
      [
        { name: 'hoursPerWeek', reason: 'hoursPerWeek must not be greater than 60' },
        { name: 'month', reason: 'must be a month (YYYY-MM)' },
        { name: 'key', reason: 'key must be one of the following values: minimumWagePerHour, holidayPayRate' },
        { name: 'name', reason: 'name must be shorter than or equal to 1000 characters' },
      ],
      labels,
      'nl',
    );
    expect(errors.byField).toEqual({
      hoursPerWeek: 'Uren per week mag niet hoger zijn dan 60.',
      month: 'Maand: vul een maand in, bijvoorbeeld december 2026.',
      key: 'Regel: kies een van de mogelijkheden.',
      name: 'Naam mag niet langer zijn dan 1.000 tekens.',
    });
  });

  it('reports the most basic problem of a field: letters in a number field are not "too high"', () => {
    const errors = formErrors(
      [
        { name: 'hoursPerWeek', reason: 'hoursPerWeek must not be greater than 60' },
        { name: 'hoursPerWeek', reason: 'hoursPerWeek must not be less than 1' },
        { name: 'hoursPerWeek', reason: 'hoursPerWeek must be a number conforming to the specified constraints' },
      ],
      labels,
      'nl',
    );
    expect(errors.list).toEqual([{ field: 'hoursPerWeek', message: 'Uren per week: vul een getal in, bijvoorbeeld 12 of 14,71.' }]);
  });

  it('names the other date of a "must not be before" rule by its label, and never by its code name', () => {
    const dates = { periodStart: 'Startdatum', periodEnd: 'Einddatum', contractEnd: 'Einde contract' };
    const errors = formErrors(
      [
        { name: 'periodEnd', reason: 'must not be before periodStart' },
        { name: 'contractEnd', reason: 'must not be before contractStart' },
      ],
      dates,
      'nl',
    );
    expect(errors.byField).toEqual({
      periodEnd: 'Einddatum: deze datum mag niet vóór startdatum liggen.',
      contractEnd: 'Einde contract: deze datum ligt te vroeg.',
    });
  });

  it('keeps a domain reason it does not know, after the label', () => {
    expect(formErrors([{ name: 'month', reason: 'the contract starts on 2026-03-01' }], labels, 'nl').byField.month).toBe(
      'Maand klopt niet. the contract starts on 2026-03-01',
    );
  });

  it("says a postcode area is unknown at the field, instead of the page's hint about how to type a postcode", () => {
    const params = [
      { name: 'postcode', reason: 'is not a known Dutch postcode area (1000): check the postcode, or give latitude and longitude' },
    ];
    const errors = pageErrors(params, { postcode: 'Postcode van de werkplek' }, 'nl', { postcode: 'vacancy.error.postcode' });
    expect(errors.list).toEqual([
      { field: 'postcode', message: 'Postcode van de werkplek: het postcodegebied 1000 kennen wij niet. Controleer of de postcode klopt.' },
    ]);
    // A postcode typed wrongly still gets the page's own hint.
    const typo = pageErrors([{ name: 'postcode', reason: 'must be a Dutch postcode like 1234 AB' }], {}, 'nl', {
      postcode: 'vacancy.error.postcode',
    });
    expect(typo.byField.postcode).toBe('Vul een postcode in zoals 3511 AB.');
  });
});
