import { registerMessages } from '../i18n.js';

/** What employers tell the coach: the answer to an introduced candidate, and the topics and employee of their help requests. */
registerMessages({
  nl: {
    'coach.employerAnswer.label': 'Antwoord van de werkgever:',
    'coach.employerAnswer.interested': 'Interessant',
    'coach.employerAnswer.invite': 'Uitnodigen voor een gesprek',
    'coach.employerAnswer.not_now': 'Nu niet',
    'coach.helpCategory.employee_functioning': 'Hoe het gaat met een medewerker',
    'coach.helpCategory.absence': 'Ziekte of verzuim',
    'coach.helpCategory.subsidy': 'Loonkostensubsidie of andere regelingen',
    'coach.helpCategory.contract_hours': 'Contract, uren of rooster',
    'coach.helpCategory.workplace_adaptation': 'Het werk of de werkplek aanpassen',
    'coach.help.aboutEmployee': 'Over medewerker',
  },
  en: {
    'coach.employerAnswer.label': 'Answer from the employer:',
    'coach.employerAnswer.interested': 'Interested',
    'coach.employerAnswer.invite': 'Invite for an interview',
    'coach.employerAnswer.not_now': 'Not now',
    'coach.helpCategory.employee_functioning': 'How an employee is doing',
    'coach.helpCategory.absence': 'Sickness or absence',
    'coach.helpCategory.subsidy': 'Wage cost subsidy or other arrangements',
    'coach.helpCategory.contract_hours': 'Contract, hours or schedule',
    'coach.helpCategory.workplace_adaptation': 'Adapting the work or the workplace',
    'coach.help.aboutEmployee': 'About employee',
  },
});
