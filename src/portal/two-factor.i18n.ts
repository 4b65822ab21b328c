import { registerMessages } from './i18n.js';

/** The two-factor sign-in pages' texts, Dutch first (B1), English second. */
export const twoFactorMessages = {
  nl: {
    'footer.twoFactor': 'Inloggen met een code uit een app instellen',
    'twoFactor.title': 'Inloggen met een code uit een app',
    'twoFactor.intro':
      'Voor uw account is inloggen met een extra code nodig. Die code maakt een app op uw telefoon. Zo kan niemand met alleen uw wachtwoord bij de gegevens. Dit stelt u één keer in.',
    'twoFactor.adminNeeded': 'Als beheerder kunt u pas verder als dit is ingesteld.',
    'twoFactor.introOptional':
      'U kunt inloggen met een extra code, naast uw wachtwoord. Die code maakt een app op uw telefoon. Zo kan niemand met alleen uw wachtwoord bij de gegevens.',
    'twoFactor.step1': 'Stap 1: zet Werkbrug in uw app',
    'twoFactor.step1Text':
      'Open een app voor inlogcodes, zoals Microsoft Authenticator, Google Authenticator of FreeOTP. Kies ‘account toevoegen’ en scan deze QR-code.',
    'twoFactor.qr': 'QR-code om Werkbrug in uw app te zetten',
    'twoFactor.noScan': 'Lukt scannen niet? Typ dan deze sleutel in de app:',
    'twoFactor.step2': 'Stap 2: vul de code uit de app in',
    'twoFactor.step2Text': 'De app laat nu een code van 6 cijfers zien. Die verandert elke 30 seconden.',
    'twoFactor.code': 'Code uit de app',
    'twoFactor.codeHint': '6 cijfers, bijvoorbeeld 123456.',
    'twoFactor.submit': 'Code controleren',
    'twoFactor.error.format': 'Vul de 6 cijfers uit de app in.',
    'twoFactor.error.wrong': 'Deze code klopt niet of is verlopen. Vul de code in die de app nu laat zien.',
    'twoFactor.on': 'Inloggen met een code uit een app staat aan.',
    'twoFactor.codesLeft':
      '{count, plural, =0 {U heeft geen herstelcodes meer.} one {U heeft nog # herstelcode.} other {U heeft nog # herstelcodes.}}',
    'twoFactor.newCodes': 'Nieuwe herstelcodes maken',
    'twoFactor.newCodesText': 'Maakt u nieuwe herstelcodes, dan werken de oude niet meer.',
    'twoFactor.continue': 'Verder naar Werkbrug',
    'twoFactor.codes.title': 'Uw herstelcodes',
    'twoFactor.codes.done': 'Gelukt. Inloggen met een code uit een app staat nu aan.',
    'twoFactor.codes.intro':
      'Bent u uw telefoon kwijt? Dan kunt u inloggen met een van deze herstelcodes in plaats van de code uit de app. Elke code werkt één keer.',
    'twoFactor.codes.once': 'U ziet deze codes alleen nu. Schrijf ze op of print ze, en bewaar ze op een veilige plek.',
    'twoFactor.codes.list': 'Herstelcodes',
  },
  en: {
    'footer.twoFactor': 'Set up signing in with a code from an app',
    'twoFactor.title': 'Sign in with a code from an app',
    'twoFactor.intro':
      'Your account needs an extra code to sign in. An app on your phone makes that code. This way nobody gets to the data with your password alone. You set this up once.',
    'twoFactor.adminNeeded': 'As an administrator you can only continue once this is set up.',
    'twoFactor.introOptional':
      'You can sign in with an extra code besides your password. An app on your phone makes that code. This way nobody gets to the data with your password alone.',
    'twoFactor.step1': 'Step 1: add Werkbrug to your app',
    'twoFactor.step1Text':
      'Open an app for sign-in codes, such as Microsoft Authenticator, Google Authenticator or FreeOTP. Choose ‘add account’ and scan this QR code.',
    'twoFactor.qr': 'QR code to add Werkbrug to your app',
    'twoFactor.noScan': 'Scanning does not work? Then type this key into the app:',
    'twoFactor.step2': 'Step 2: enter the code from the app',
    'twoFactor.step2Text': 'The app now shows a code of 6 digits. It changes every 30 seconds.',
    'twoFactor.code': 'Code from the app',
    'twoFactor.codeHint': '6 digits, for example 123456.',
    'twoFactor.submit': 'Check code',
    'twoFactor.error.format': 'Enter the 6 digits from the app.',
    'twoFactor.error.wrong': 'This code is not right or has expired. Enter the code the app shows now.',
    'twoFactor.on': 'Signing in with a code from an app is on.',
    'twoFactor.codesLeft':
      '{count, plural, =0 {You have no recovery codes left.} one {You have # recovery code left.} other {You have # recovery codes left.}}',
    'twoFactor.newCodes': 'Make new recovery codes',
    'twoFactor.newCodesText': 'When you make new recovery codes, the old ones stop working.',
    'twoFactor.continue': 'Continue to Werkbrug',
    'twoFactor.codes.title': 'Your recovery codes',
    'twoFactor.codes.done': 'Done. Signing in with a code from an app is now on.',
    'twoFactor.codes.intro':
      'Lost your phone? Then sign in with one of these recovery codes instead of the code from the app. Each code works once.',
    'twoFactor.codes.once': 'You see these codes only now. Write them down or print them, and keep them in a safe place.',
    'twoFactor.codes.list': 'Recovery codes',
  },
};

registerMessages(twoFactorMessages);
