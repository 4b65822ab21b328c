import { describe, expect, it } from '@jest/globals';
import { translate } from '../../../src/portal/i18n.js';
import '../../../src/portal/coach/coach.i18n.js';
import '../../../src/portal/admin/admin.i18n.js';

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
});
