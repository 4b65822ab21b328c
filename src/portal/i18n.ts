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
    'table.scrollBox': 'Tabel; schuif opzij om alle kolommen te zien',
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
    'nav.reports': 'Resultaten',
    'nav.calculations': 'Rekenhulp',
    'nav.users': 'Gebruikers',
    'nav.ruleParameters': 'Regels en bedragen',
    'nav.imports': 'Importeren',
    'nav.funders': 'Financiers',
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
    'error.month': '{label}: vul een maand in, bijvoorbeeld december 2026.',
    'error.time': '{label}: vul een tijd in, bijvoorbeeld 10:00.',
    'error.maxLength': '{label} mag niet langer zijn dan {limit} tekens.',
    'error.minLength': '{label} moet minstens {limit} tekens hebben.',
    'error.boolean': '{label}: kies ja of nee.',
    'error.singleLine': '{label} moet op één regel staan, zonder Enter.',
    'error.singleValue': '{label}: vul één waarde in.',
    'error.notFound.title': 'Deze pagina bestaat niet',
    'error.notFound.text': 'De pagina is niet gevonden, of u mag hem niet zien.',
    'error.forbidden.title': 'U heeft geen toegang',
    'error.forbidden.text': 'Deze pagina is niet voor uw rol.',
    'error.tooMany.title': 'Te veel pogingen',
    'error.tooMany.text': 'U heeft het te vaak achter elkaar geprobeerd. Wacht een paar minuten en probeer het dan opnieuw.',
    'error.generic.title': 'Er ging iets mis',
    'error.generic.text': 'Probeer het later opnieuw. Blijft het misgaan? Neem contact op met uw contactpersoon.',
    'error.invalidInput.title': 'Het formulier klopt niet',
    'error.invalidInput.text': 'Deze velden zijn niet goed verstuurd: {fields}. Ga terug en probeer het opnieuw.',
    'error.back': 'Terug naar de start',
    'signIn.title': 'Inloggen',
    'signIn.intro': 'Log in met uw e-mailadres en wachtwoord.',
    'signIn.email': 'E-mailadres',
    'signIn.password': 'Wachtwoord',
    'signIn.totp': 'Code uit uw app of een herstelcode (als u die gebruikt)',
    'signIn.submit': 'Inloggen',
    'signIn.failed': 'Het e-mailadres, wachtwoord of de code klopt niet.',
    'signIn.linkTitle': 'Inloggen zonder wachtwoord',
    'signIn.linkIntro': 'Bent u deelnemer? Dan krijgt u een link in uw e-mail. Daarmee logt u in. U heeft geen wachtwoord nodig.',
    'signIn.linkSubmit': 'Stuur mij een inloglink',
    'signIn.linkSent': 'Als dit e-mailadres bij ons bekend is, krijgt u binnen een paar minuten een e-mail met een inloglink.',
    'signIn.linkSent.title': 'Kijk in uw e-mail',
    'signIn.linkSent.findTitle': 'Waar vindt u de e-mail?',
    'signIn.linkSent.find':
      'De e-mail komt van Werkbrug. Het onderwerp is: Uw inloglink voor Werkbrug. Ziet u hem niet in uw inbox? Kijk dan ook bij ongewenste e-mail of spam.',
    'signIn.linkSent.againTitle': 'Geen e-mail gekregen?',
    'signIn.linkSent.again':
      'Wacht een paar minuten. Kwam er na {minutes} minuten nog steeds niets? Kijk dan of u het goede e-mailadres gebruikte en vraag een nieuwe link aan.',
    'signIn.linkSent.againLink': 'Opnieuw een inloglink aanvragen',
    'signIn.code.title': 'Uw code',
    'signIn.code.sameDevice': 'Opent u de e-mail op dit apparaat, in deze browser? Dan klikt u op de link en bent u ingelogd.',
    'signIn.code.otherDevice':
      'Opent u de e-mail ergens anders, bijvoorbeeld op uw telefoon? Dan vraagt de link om deze code. Typ de code daar in:',
    'signIn.code.label': 'Code:',
    'signIn.code.keep': 'Laat deze pagina open of schrijf de code op. De code en de link werken {minutes} minuten.',
    'signIn.forgot': 'Wachtwoord vergeten?',
    'link.title': 'Inloggen met uw link',
    'link.intro': 'Klik op de knop om in te loggen.',
    'link.submit': 'Inloggen',
    'link.expired': 'Deze link werkt niet meer. Vraag een nieuwe link aan.',
    'link.code': 'Code uit uw app',
    'link.codeNeeded': 'Vul de code uit uw app in. U gebruikt een app om in te loggen.',
    'link.otherDevice':
      'U opent de link op een ander apparaat of in een andere browser dan waar u hem aanvroeg. Toen u de link aanvroeg, zag u een code van 6 cijfers. Typ die code hier in en klik op Inloggen.',
    'link.noCode': 'Weet u de code niet meer? Vraag dan op dit apparaat een nieuwe link aan.',
    'link.browserCode': 'Code van 6 cijfers',
    'link.browserCode.hint': 'Deze code stond op het scherm waar u de link aanvroeg.',
    'link.browserCodeNeeded': 'Vul de code van 6 cijfers in die u zag toen u de link aanvroeg.',
    'link.browserCodeWrong': 'Deze code klopt niet. U kunt het nog {count} keer proberen. Daarna werkt de link niet meer.',
    'signIn.tooMany': 'Te veel pogingen. Probeer het over {seconds} seconden opnieuw, of log in met een link.',
    'outbox.ownMail': 'Proefomgeving: bekijk hier de e-mail voor deze browser',
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
    'table.scrollBox': 'Table; scroll sideways to see every column',
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
    'nav.reports': 'Results',
    'nav.calculations': 'Calculator',
    'nav.users': 'Users',
    'nav.ruleParameters': 'Rules and amounts',
    'nav.imports': 'Import',
    'nav.funders': 'Funders',
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
    'error.month': '{label}: enter a month, for example December 2026.',
    'error.time': '{label}: enter a time, for example 10:00.',
    'error.maxLength': '{label} must not be longer than {limit} characters.',
    'error.minLength': '{label} must have at least {limit} characters.',
    'error.boolean': '{label}: choose yes or no.',
    'error.singleLine': '{label} must be on one line, without Enter.',
    'error.singleValue': '{label}: enter one value.',
    'error.notFound.title': 'This page does not exist',
    'error.notFound.text': 'The page was not found, or you may not see it.',
    'error.forbidden.title': 'You do not have access',
    'error.forbidden.text': 'This page is not for your role.',
    'error.tooMany.title': 'Too many attempts',
    'error.tooMany.text': 'You tried too often in a row. Wait a few minutes and try again.',
    'error.generic.title': 'Something went wrong',
    'error.generic.text': 'Please try again later. Still going wrong? Contact your contact person.',
    'error.invalidInput.title': 'The form is not right',
    'error.invalidInput.text': 'These fields were not sent correctly: {fields}. Go back and try again.',
    'error.back': 'Back to the start',
    'signIn.title': 'Sign in',
    'signIn.intro': 'Sign in with your e-mail address and password.',
    'signIn.email': 'E-mail address',
    'signIn.password': 'Password',
    'signIn.totp': 'Code from your app or a recovery code (if you use one)',
    'signIn.submit': 'Sign in',
    'signIn.failed': 'The e-mail address, password or code is not correct.',
    'signIn.linkTitle': 'Sign in without a password',
    'signIn.linkIntro': 'Are you a participant? Then you get a link by e-mail to sign in. You do not need a password.',
    'signIn.linkSubmit': 'Send me a sign-in link',
    'signIn.linkSent': 'If this address is known to us, you will get an e-mail with a sign-in link within a few minutes.',
    'signIn.linkSent.title': 'Check your e-mail',
    'signIn.linkSent.findTitle': 'Where is the e-mail?',
    'signIn.linkSent.find':
      'The e-mail comes from Werkbrug. Its subject is: Your sign-in link for Werkbrug. Not in your inbox? Then also look in your junk or spam folder.',
    'signIn.linkSent.againTitle': 'No e-mail?',
    'signIn.linkSent.again':
      'Wait a few minutes. Still nothing after {minutes} minutes? Then check you used the right e-mail address and ask for a new link.',
    'signIn.linkSent.againLink': 'Ask for a new sign-in link',
    'signIn.code.title': 'Your code',
    'signIn.code.sameDevice': 'Do you open the e-mail on this device, in this browser? Then click the link and you are signed in.',
    'signIn.code.otherDevice':
      'Do you open the e-mail somewhere else, for example on your phone? Then the link asks for this code. Type it in there:',
    'signIn.code.label': 'Code:',
    'signIn.code.keep': 'Keep this page open or write the code down. The code and the link work for {minutes} minutes.',
    'signIn.forgot': 'Forgot your password?',
    'link.title': 'Sign in with your link',
    'link.intro': 'Click the button to sign in.',
    'link.submit': 'Sign in',
    'link.expired': 'This link no longer works. Ask for a new link.',
    'link.code': 'Code from your app',
    'link.codeNeeded': 'Enter the code from your app. You use an app to sign in.',
    'link.otherDevice':
      'You open the link on another device or in another browser than where you asked for it. When you asked for the link, you saw a code of 6 digits. Type that code here and click Sign in.',
    'link.noCode': 'Do you not know the code any more? Then ask for a new link on this device.',
    'link.browserCode': 'Code of 6 digits',
    'link.browserCode.hint': 'This code was on the screen where you asked for the link.',
    'link.browserCodeNeeded': 'Enter the code of 6 digits you saw when you asked for the link.',
    'link.browserCodeWrong':
      'This code is not right. You can try {count, plural, one {# more time} other {# more times}}. After that the link stops working.',
    'signIn.tooMany': 'Too many attempts. Try again in {seconds} seconds, or sign in with a link.',
    'outbox.ownMail': 'Trial setup: see the mail for this browser here',
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

/** Every text of a language, for tests that hold all of them to a rule. */
export function allMessages(locale: Locale): Readonly<Record<string, string>> {
  return messages[locale];
}

/** Adds page texts from a feature's own dictionary (keeps this file from holding every page). */
export function registerMessages(extra: Record<Locale, Record<string, string>>): void {
  Object.assign(messages.nl, extra.nl);
  Object.assign(messages.en, extra.en);
}

const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/**
 * Fills `{name}` and chooses plurals written as in ICU MessageFormat:
 * `{count, plural, one {# hulpvraag} other {# hulpvragen}}`, `#` being the number. A value that is no
 * number (a hidden count, "< 5") takes the `other` form with the value as it is: "< 5 hulpvragen".
 */
export function translate(locale: Locale, key: string, values: Record<string, unknown> = {}): string {
  const template = messages[locale][key] ?? messages.nl[key] ?? key;
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB');
  return template
    .replace(PLURAL, (_whole, name: string, one: string, other: string) => {
      const raw = values[name] ?? 0;
      const count = typeof raw === 'number' ? raw : Number(raw);
      // Not a number (a hidden count such as "< 5"): the plural form, with the text as it is.
      if (Number.isNaN(count)) return other.replace(/#/g, String(raw));
      return (rules.select(count) === 'one' ? one : other).replace(/#/g, numbers.format(count));
    })
    .replace(/\{(\w+)\}/g, (_whole, name: string) => String(values[name] ?? ''));
}
