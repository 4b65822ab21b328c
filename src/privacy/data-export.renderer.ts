import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../platform/project-root.js';
import { PROFILE_PART_LABELS } from '../consents/consent-explanations.js';
import type { ConsentDto } from '../consents/dto/consent.dto.js';
import type { ShareableProfilePart } from '../consents/entities/consent.entity.js';
import type { RegisteredSection } from './data-export.service.js';
import type { DataExportDto } from './dto/data-export.dto.js';

const ROLE_NL: Record<string, string> = {
  admin: 'beheerder',
  team_lead: 'teamleider',
  jobcoach: 'jobcoach',
  employer_user: 'werkgever',
  participant: 'deelnemer',
  system: 'Werkbrug (automatisch)',
};

const ACTION_NL: Record<string, string> = {
  read: 'bekeken',
  list: 'in een overzicht gezien',
  create: 'vastgelegd',
  update: 'gewijzigd',
  delete: 'verwijderd',
  export: 'alle gegevens opgevraagd',
  erase: 'gegevens gewist',
  consent_given: 'toestemming vastgelegd',
  consent_withdrawn: 'toestemming ingetrokken',
};

const RESOURCE_NL: Record<string, string> = {
  participant: 'uw gegevens',
  consent: 'uw toestemmingen',
  caseload_share: 'toegang voor een andere coach',
};

const FIELD_NL: Record<string, string> = {
  firstName: 'voornaam',
  lastName: 'achternaam',
  email: 'e-mailadres',
  phone: 'telefoonnummer',
  dateOfBirth: 'geboortedatum',
  coachMembershipId: 'jobcoach',
  privateNotes: 'notities van de coach',
  purpose: 'doel',
  employerId: 'werkgever',
  profileParts: 'gedeelde onderdelen',
  givenAt: 'datum toestemming',
  withdrawnAt: 'datum intrekking',
  reason: 'reden',
};

const STATUS_NL: Record<string, string> = {
  queued: 'wacht op verzending',
  sent: 'verzonden',
  retrying: 'wordt opnieuw geprobeerd',
  failed: 'niet bezorgd',
  active: 'actief',
  invited: 'uitgenodigd',
  disabled: 'uitgeschakeld',
};

const PURPOSE_NL: Record<string, string> = {
  proposal_to_employers: 'Voorstellen aan werkgevers',
  share_profile_with_employer: 'Profiel delen met een werkgever',
  disclose_support_organisation: 'Werkgever vertellen over uw begeleiding',
  disclose_target_group: 'Werkgever vertellen dat u in het doelgroepregister staat',
  email_reminders: 'Herinneringen per e-mail',
};

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
const dateOnly = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });

function when(iso: unknown): string {
  return typeof iso === 'string' && iso ? dateTime.format(new Date(iso)) : '';
}

function text(value: unknown, fallback = 'niet bekend'): string {
  return value === null || value === undefined || value === '' ? fallback : String(value);
}

/** "uw gegevens bekeken", or for consents just "toestemming ingetrokken". */
function describeAction(action: string, resourceType: string): string {
  const verb = ACTION_NL[action] ?? action;
  if (action.startsWith('consent_') || action === 'export' || action === 'erase') return verb;
  return `${RESOURCE_NL[resourceType] ?? resourceType} ${verb}`;
}

type Row = Record<string, unknown>;

/**
 * The readable export: a plain-language Dutch HTML page rendered from
 * templates/privacy/export.nl.hbs. Every value goes through Handlebars'
 * escaping ({{ }}); the template uses no triple-stash, and there is no
 * inline script or style, so the page works under the API's strict CSP.
 */
@Injectable()
export class DataExportRenderer {
  private readonly template: Handlebars.TemplateDelegate;

  constructor() {
    const source = readFileSync(path.join(TEMPLATES_DIR, 'privacy', 'export.nl.hbs'), 'utf8');
    this.template = Handlebars.create().compile(source, { strict: true });
  }

  render(data: DataExportDto, sections: RegisteredSection[]): string {
    const s = data.sections;
    const participant = (s.participant ?? {}) as Row;
    const account = (s.userAccount ?? null) as Row | null;
    const known = new Set(['participant', 'userAccount', 'memberships', 'consents', 'auditEvents', 'mailMessages']);
    const view = {
      exportedAt: when(data.exportedAt),
      intro: data.about.nl,
      fullName: `${text(participant.firstName, '')} ${text(participant.lastName, '')}`.trim(),
      participantRows: [
        { label: 'Voornaam', value: text(participant.firstName) },
        { label: 'Achternaam', value: text(participant.lastName) },
        { label: 'E-mailadres', value: text(participant.email) },
        { label: 'Telefoonnummer', value: text(participant.phone) },
        {
          label: 'Geboortedatum',
          value: typeof participant.dateOfBirth === 'string' ? dateOnly.format(new Date(participant.dateOfBirth)) : 'niet bekend',
        },
        { label: 'Uw jobcoach', value: text(participant.coachName) },
        { label: 'Notities van uw coach', value: text(participant.privateNotes, 'geen') },
        { label: 'Vastgelegd op', value: when(participant.createdAt) },
        { label: 'Laatst gewijzigd op', value: when(participant.updatedAt) },
      ],
      hasAccount: account !== null,
      accountRows: account
        ? [
            { label: 'E-mailadres om in te loggen', value: text(account.email) },
            { label: 'Naam', value: text(account.displayName) },
            { label: 'Taal', value: account.locale === 'en' ? 'Engels' : 'Nederlands' },
            { label: 'Telefoonnummer', value: text(account.phone) },
            { label: 'Aangemaakt op', value: when(account.createdAt) },
          ]
        : [],
      memberships: ((s.memberships ?? []) as Row[]).map((row) => ({
        role: ROLE_NL[String(row.role)] ?? text(row.role),
        status: STATUS_NL[String(row.status)] ?? text(row.status),
        since: when(row.createdAt),
      })),
      consents: ((s.consents ?? []) as ConsentDto[]).map((consent) => ({
        purpose: PURPOSE_NL[consent.purpose] ?? consent.purpose,
        explanation: consent.explanation.nl,
        employer: consent.employerName ?? '',
        parts: consent.profileParts.map((part: ShareableProfilePart) => PROFILE_PART_LABELS[part]?.nl ?? part).join(', '),
        status: consent.active ? 'Geldt nu' : `Ingetrokken op ${when(consent.withdrawnAt)}`,
        givenAt: when(consent.givenAt),
      })),
      auditEvents: ((s.auditEvents ?? []) as Row[]).map((event) => {
        const actor = (event.actor ?? {}) as Row;
        return {
          at: when(event.at),
          who: text(actor.displayName, ROLE_NL[String(actor.role)] ?? 'onbekend'),
          role: ROLE_NL[String(actor.role)] ?? text(actor.role),
          what: describeAction(String(event.action), String(event.resourceType)),
          fields: ((event.fields ?? []) as string[]).map((field) => FIELD_NL[field] ?? field).join(', '),
        };
      }),
      mailMessages: ((s.mailMessages ?? []) as Row[]).map((mail) => ({
        subject: text(mail.subject, 'nog niet opgesteld'),
        status: STATUS_NL[String(mail.status)] ?? text(mail.status),
        sentAt: when(mail.sentAt) || 'niet verzonden',
      })),
      otherSections: sections
        .filter(({ contributor }) => !known.has(contributor.section))
        .map(({ contributor, titleNl }) => ({ title: titleNl, json: JSON.stringify(s[contributor.section] ?? null, null, 2) })),
    };
    return this.template(view);
  }
}
