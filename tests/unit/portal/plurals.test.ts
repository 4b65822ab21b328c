import { describe, expect, it } from '@jest/globals';
import type { OutcomeReportDto } from '../../../src/reports/dto/report.dto.js';
import { funnelChart } from '../../../src/portal/reports/report-charts.js';
import { translate } from '../../../src/portal/i18n.js';
import '../../../src/portal/coach/coach.i18n.js';
import '../../../src/portal/admin/admin.i18n.js';
import '../../../src/portal/reports/reports.i18n.js';

describe('plurals in plain Dutch, no "hulpvraag/hulpvragen"', () => {
  it.each([
    [0, '0 hulpvragen.'],
    [1, '1 hulpvraag.'],
    [2, '2 hulpvragen.'],
    [1250, '1.250 hulpvragen.'],
  ])('%i help requests', (total, expected) => {
    expect(translate('nl', 'coach.help.count', { total })).toBe(expected);
  });

  it('chooses each plural of a sentence on its own number', () => {
    expect(translate('nl', 'coach.team.escalationLine', { escalated: 1, overdue: 3 })).toBe(
      '1 hulpvraag geëscaleerd, 3 gesprekken te laat',
    );
    expect(translate('nl', 'admin.home.intro', { active: 1, invited: 0 })).toBe('1 actief account, 0 uitnodigingen nog niet geaccepteerd.');
    expect(translate('en', 'coach.caseload.count', { total: 1 })).toBe('1 participant found.');
  });

  it.each([
    [1, 0, 'Er is 1 persoon aangemeld. Daarvan kregen 0 mensen een contract.'],
    [1, 1, 'Er is 1 persoon aangemeld. Daarvan kreeg 1 persoon een contract.'],
    [12, 1, 'Er zijn 12 mensen aangemeld. Daarvan kreeg 1 persoon een contract.'],
    [12, 7, 'Er zijn 12 mensen aangemeld. Daarvan kregen 7 mensen een contract.'],
    // A funder's hidden count reads as it is, in the plural.
    [9, '< 5', 'Er zijn 9 mensen aangemeld. Daarvan kregen < 5 mensen een contract.'],
  ])('the report: %s registered, %s with a contract', (registered, contract, expected) => {
    expect(translate('nl', 'reports.funnel.description', { registered, contract })).toBe(expected);
  });

  it('keeps a hidden count on one line in the sentence (a phone wraps "< 5" between the sign and the number)', () => {
    const report = {
      funnel: [
        { stage: 'registered', count: { value: 9, display: '9' } },
        { stage: 'contract', count: { value: null, display: '< 5' } },
      ],
    } as unknown as OutcomeReportDto;
    expect(funnelChart(report, 'nl').description).toBe('Er zijn 9 mensen aangemeld. Daarvan kregen <\u00a05 mensen een contract.');
    expect(translate('nl', 'reports.aftercare.descriptionSuppressed', { threshold: 5 })).toContain('"<\u00a05"');
  });

  it('the report: check-ins held and missed, each in its own number', () => {
    expect(translate('nl', 'reports.aftercare.description', { held: 1, missed: 2 })).toBe(
      'In deze periode: 1 gesprek gehouden en 2 gesprekken gemist.',
    );
    expect(translate('en', 'reports.funnel.description', { registered: 1, contract: 0 })).toBe(
      '1 person was registered. Of them, 0 people got a contract.',
    );
  });
});
