import type { Locale } from '../platform/mail/mail-template.service.js';

/**
 * The portal's words, Dutch first, in plain language (B1). Keys are grouped
 * by page. A missing English text falls back to the Dutch one, and a missing
 * key shows itself, so gaps are visible rather than silent.
 */
const messages: Record<Locale, Record<string, string>> = {
  nl: {
    'app.name': 'Werkbrug',
    'app.skip': 'Naar de inhoud',
    'app.tagline': 'Werk vinden en houden, met begeleiding',
    'footer.accessibility': 'Toegankelijkheid',
    'footer.label': 'Over Werkbrug',
    'accessibility.title': 'Toegankelijkheidsverklaring',
    'nav.home': 'Start',
    'nav.signOut': 'Uitloggen',
    'nav.language': 'Taal',
    'nav.switchTo': 'English',
    'nav.menu': 'Hoofdmenu',
    'nav.help': 'Ik wil hulp',
    'nav.consents': 'Toestemming',
    'nav.myData': 'Mijn gegevens',
    'nav.vacancies': 'Vacatures',
    'nav.candidates': 'Kandidaten',
    'nav.placements': 'Medewerkers',
    'nav.quota': 'Banenafspraak',
    'nav.today': 'Vandaag',
    'nav.caseload': 'Deelnemers',
    'nav.helpRequests': 'Hulpvragen',
    'nav.team': 'Team',
    'nav.calculations': 'Rekenhulp',
    'nav.users': 'Gebruikers',
    'nav.ruleParameters': 'Regels en bedragen',
    'nav.imports': 'Importeren',
    'error.summary': 'Er is iets niet goed ingevuld',
    'error.required': 'Vul {label} in.',
    'error.email': 'Vul een e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
    'error.invalid': '{label} klopt niet. {reason}',
    'error.number': '{label}: vul een getal in, bijvoorbeeld 12 of 14,71.',
    'error.max': '{label} mag niet hoger zijn dan {limit}.',
    'error.min': '{label} mag niet lager zijn dan {limit}.',
    'error.choice': '{label}: kies een van de mogelijkheden.',
    'error.date': '{label}: vul een bestaande datum in.',
    'error.postcodeUnknown': '{label}: het postcodegebied {value} kennen wij niet. Controleer of de postcode klopt.',
    'error.month': '{label}: vul een maand in als jaar en maand, bijvoorbeeld 2026-12 voor december 2026.',
    'error.maxLength': '{label} mag niet langer zijn dan {limit} tekens.',
    'error.minLength': '{label} moet minstens {limit} tekens hebben.',
    'error.boolean': '{label}: kies ja of nee.',
    'error.singleLine': '{label} moet op één regel staan, zonder Enter.',
    'error.singleValue': '{label}: vul één waarde in.',
    'error.notFound.title': 'Deze pagina bestaat niet',
    'error.notFound.text': 'De pagina is niet gevonden, of u mag hem niet zien.',
    'error.forbidden.title': 'U heeft geen toegang',
    'error.forbidden.text': 'Deze pagina is niet voor uw rol.',
    'error.generic.title': 'Er ging iets mis',
    'error.generic.text': 'Probeer het later opnieuw. Blijft het misgaan? Neem contact op met uw contactpersoon.',
    'error.invalidInput.title': 'Het formulier klopt niet',
    'error.invalidInput.text': 'Deze velden zijn niet goed verstuurd: {fields}. Ga terug en probeer het opnieuw.',
    'error.back': 'Terug naar de start',
    'signIn.title': 'Inloggen',
    'signIn.intro': 'Log in met uw e-mailadres en wachtwoord.',
    'signIn.email': 'E-mailadres',
    'signIn.password': 'Wachtwoord',
    'signIn.totp': 'Code uit uw app (als u die gebruikt)',
    'signIn.submit': 'Inloggen',
    'signIn.failed': 'Het e-mailadres, wachtwoord of de code klopt niet.',
    'signIn.linkTitle': 'Inloggen zonder wachtwoord',
    'signIn.linkIntro': 'Bent u deelnemer? Dan krijgt u een link in uw e-mail. Daarmee logt u in. U heeft geen wachtwoord nodig.',
    'signIn.linkSubmit': 'Stuur mij een inloglink',
    'signIn.linkSent':
      'Als dit e-mailadres bij ons bekend is, krijgt u binnen een paar minuten een e-mail met een inloglink. Open de link in deze browser.',
    'signIn.forgot': 'Wachtwoord vergeten?',
    'link.title': 'Inloggen met uw link',
    'link.intro': 'Klik op de knop om in te loggen.',
    'link.submit': 'Inloggen',
    'link.expired': 'Deze link werkt niet meer. Vraag een nieuwe link aan.',
    'invitation.title': 'Account maken',
    'invitation.intro':
      'Welkom bij Werkbrug. Kies een wachtwoord van minstens 12 tekens. Een zin van een paar woorden is goed te onthouden.',
    'invitation.introParticipant': 'Welkom bij Werkbrug. Klik op de knop om uw account te maken. U heeft geen wachtwoord nodig.',
    'invitation.submit': 'Account maken',
    'reset.title': 'Nieuw wachtwoord kiezen',
    'reset.submit': 'Wachtwoord opslaan',
    'reset.request': 'Stuur mij een link voor een nieuw wachtwoord',
    'reset.done': 'Uw wachtwoord is veranderd. U kunt nu inloggen.',
    'home.title': 'Welkom, {name}',
  },
  en: {
    'app.name': 'Werkbrug',
    'app.skip': 'Skip to content',
    'app.tagline': 'Finding and keeping work, with support',
    'footer.accessibility': 'Accessibility',
    'footer.label': 'About Werkbrug',
    'accessibility.title': 'Accessibility statement',
    'nav.home': 'Home',
    'nav.signOut': 'Sign out',
    'nav.language': 'Language',
    'nav.switchTo': 'Nederlands',
    'nav.menu': 'Main menu',
    'nav.help': 'I need help',
    'nav.consents': 'Consent',
    'nav.myData': 'My data',
    'nav.vacancies': 'Vacancies',
    'nav.candidates': 'Candidates',
    'nav.placements': 'Employees',
    'nav.quota': 'Job agreement',
    'nav.today': 'Today',
    'nav.caseload': 'Participants',
    'nav.helpRequests': 'Help requests',
    'nav.team': 'Team',
    'nav.calculations': 'Calculator',
    'nav.users': 'Users',
    'nav.ruleParameters': 'Rules and amounts',
    'nav.imports': 'Import',
    'error.summary': 'Something is not filled in correctly',
    'error.required': 'Enter {label}.',
    'error.email': 'Enter an e-mail address, for example name@example.com.',
    'error.invalid': '{label} is not right. {reason}',
    'error.number': '{label}: enter a number, for example 12 or 14.71.',
    'error.max': '{label} must not be more than {limit}.',
    'error.min': '{label} must not be less than {limit}.',
    'error.choice': '{label}: choose one of the options.',
    'error.postcodeUnknown': '{label}: we do not know postcode area {value}. Check that the postcode is right.',
    'error.date': '{label}: enter a date that exists.',
    'error.month': '{label}: enter a month as year and month, for example 2026-12 for December 2026.',
    'error.maxLength': '{label} must not be longer than {limit} characters.',
    'error.minLength': '{label} must have at least {limit} characters.',
    'error.boolean': '{label}: choose yes or no.',
    'error.singleLine': '{label} must be on one line, without Enter.',
    'error.singleValue': '{label}: enter one value.',
    'error.notFound.title': 'This page does not exist',
    'error.notFound.text': 'The page was not found, or you may not see it.',
    'error.forbidden.title': 'You do not have access',
    'error.forbidden.text': 'This page is not for your role.',
    'error.generic.title': 'Something went wrong',
    'error.generic.text': 'Please try again later. Still going wrong? Contact your contact person.',
    'error.invalidInput.title': 'The form is not right',
    'error.invalidInput.text': 'These fields were not sent correctly: {fields}. Go back and try again.',
    'error.back': 'Back to the start',
    'signIn.title': 'Sign in',
    'signIn.intro': 'Sign in with your e-mail address and password.',
    'signIn.email': 'E-mail address',
    'signIn.password': 'Password',
    'signIn.totp': 'Code from your app (if you use one)',
    'signIn.submit': 'Sign in',
    'signIn.failed': 'The e-mail address, password or code is not correct.',
    'signIn.linkTitle': 'Sign in without a password',
    'signIn.linkIntro': 'Are you a participant? Then you get a link by e-mail to sign in. You do not need a password.',
    'signIn.linkSubmit': 'Send me a sign-in link',
    'signIn.linkSent':
      'If this address is known to us, you will get an e-mail with a sign-in link within a few minutes. Open the link in this browser.',
    'signIn.forgot': 'Forgot your password?',
    'link.title': 'Sign in with your link',
    'link.intro': 'Click the button to sign in.',
    'link.submit': 'Sign in',
    'link.expired': 'This link no longer works. Ask for a new link.',
    'invitation.title': 'Create your account',
    'invitation.intro': 'Welcome to Werkbrug. Choose a password of at least 12 characters. A sentence of a few words is easy to remember.',
    'invitation.introParticipant': 'Welcome to Werkbrug. Click the button to create your account. You do not need a password.',
    'invitation.submit': 'Create account',
    'reset.title': 'Choose a new password',
    'reset.submit': 'Save password',
    'reset.request': 'Send me a link for a new password',
    'reset.done': 'Your password has been changed. You can sign in now.',
    'home.title': 'Welcome, {name}',
  },
};

/** Adds page texts from a feature's own dictionary (keeps this file from holding every page). */
export function registerMessages(extra: Record<Locale, Record<string, string>>): void {
  Object.assign(messages.nl, extra.nl);
  Object.assign(messages.en, extra.en);
}

const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/**
 * Fills `{name}` and chooses plurals written as in ICU MessageFormat:
 * `{count, plural, one {# hulpvraag} other {# hulpvragen}}`, `#` being the number.
 */
export function translate(locale: Locale, key: string, values: Record<string, unknown> = {}): string {
  const template = messages[locale][key] ?? messages.nl[key] ?? key;
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB');
  return template
    .replace(PLURAL, (_whole, name: string, one: string, other: string) => {
      const count = Number(values[name] ?? 0);
      return (rules.select(count) === 'one' ? one : other).replace(/#/g, numbers.format(count));
    })
    .replace(/\{(\w+)\}/g, (_whole, name: string) => String(values[name] ?? ''));
}
