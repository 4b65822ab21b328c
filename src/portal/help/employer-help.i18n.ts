import { registerMessages } from '../i18n.js';

/** The employer's help topics and "which employee". */
registerMessages({
  nl: {
    'help.category.employee_functioning': 'Hoe het gaat met een medewerker',
    'help.category.absence': 'Ziekte of verzuim',
    'help.category.subsidy': 'Loonkostensubsidie of andere regelingen',
    'help.category.contract_hours': 'Contract, uren of rooster',
    'help.category.workplace_adaptation': 'Het werk of de werkplek aanpassen',
    'help.about.label': 'Over welke medewerker gaat het? (niet verplicht)',
    'help.about.hint': 'U ziet hier uw medewerkers die via ons bij u werken.',
    'help.about.none': 'Geen bepaalde medewerker',
    'help.about.shown': 'Over medewerker',
    'help.error.aboutPlacementId': 'Kies een medewerker uit de lijst.',
  },
  en: {
    'help.category.employee_functioning': 'How an employee is doing',
    'help.category.absence': 'Sickness or absence',
    'help.category.subsidy': 'Wage cost subsidy or other arrangements',
    'help.category.contract_hours': 'Contract, hours or schedule',
    'help.category.workplace_adaptation': 'Adapting the work or the workplace',
    'help.about.label': 'Which employee is it about? (optional)',
    'help.about.hint': 'You see your employees who work for you through us.',
    'help.about.none': 'No particular employee',
    'help.about.shown': 'About employee',
    'help.error.aboutPlacementId': 'Choose an employee from the list.',
  },
});
