import { HttpStatus, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AuditService } from '../audit/audit.service.js';
import { ConsentsService } from '../consents/consents.service.js';
import { MembershipsService } from '../identity/memberships.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { NotFoundProblem, ProblemException } from '../platform/http/problem.js';
import { createPdfDocument, PDF_FONT } from '../platform/pdf/pdf-document.js';
import { TEMPLATES_DIR } from '../platform/project-root.js';
import { HandoverRepository } from './handover.repository.js';
import { AGREEMENT_ITEMS, EXPECTATION_ITEMS, type HandoverChecklist } from './handover-checklist.js';

const LABELS: Record<string, string> = {
  finances: 'Financiën en reiskosten',
  trialPlacement: 'Proefplaatsing en duur',
  shopFloorGuidance: 'Begeleiding op de werkvloer',
  hours: 'Werktijden en uren',
  productionRequirements: 'Productie-eisen',
  taskDivision: 'Taakverdeling',
  contactBetweenParties: 'Contact tussen werknemer, werkgever en jobcoach',
  evaluationMeetings: 'Evaluatiegesprekken',
  wageCostSubsidy: 'Loonkostensubsidie: wie regelt het',
  leave: 'Verlof',
  reportingSick: 'Ziekmelden',
  otherPersonalMatters: 'Overige persoonlijke zaken',
  firmFooting: 'Wat de werknemer nodig heeft om stevig te staan',
  growthOptions: 'Groeimogelijkheden',
  employmentLength: 'Duur van het dienstverband',
  tasks: 'Taken',
  aftercareLength: 'Duur van de nazorg',
};
/** A checklist item's Dutch name, as the employer's folder shows it. */
export function checklistLabel(item: string): string {
  return LABELS[item] ?? item;
}

const FREQUENCY: Record<string, string> = {
  weekly: 'elke week',
  biweekly: 'elke twee weken',
  monthly: 'elke maand',
  quarterly: 'elk kwartaal',
  on_request: 'alleen als er iets is',
  tapering: 'eerst vaak, daarna minder (afbouwend)',
};
const WHO: Record<string, string> = { coach_to_employer: 'de jobcoach belt u', employer_to_coach: 'u belt de jobcoach', both: 'allebei' };

export interface HandoverFolder {
  employerName: string;
  employeeName: string;
  contact: { name: string; phone: string | null; email: string | null };
  confirmed: boolean;
  employerConfirmed: boolean;
  agreements: Array<{ key: string; label: string; applicable: boolean; text: string; owner: string }>;
  expectations: Array<{ key: string; label: string; applicable: boolean; text: string }>;
  plan: { frequencyLabel: string; forms: string; whoContactsLabel: string; plannedAftercareEnd: string } | null;
}

/**
 * The employer's online folder: the confirmed checklist, how to work with the
 * target group, the rules in plain language and the one contact person. It
 * holds what the parties agreed at the handover and nothing from the
 * participant's private file.
 */
@Injectable()
export class HandoverFolderService {
  private readonly template = Handlebars.compile(readFileSync(path.join(TEMPLATES_DIR, 'folder', 'handover-folder.nl.hbs'), 'utf8'));

  constructor(
    private readonly repository: HandoverRepository,
    private readonly audit: AuditService,
    private readonly consents: ConsentsService,
    private readonly memberships: MembershipsService,
  ) {}

  /**
   * The folder as a signed-in user reads it (JSON, HTML or PDF alike): in the
   * participant's access log, and for an employer user only while the
   * participant agrees that the employer may know the support organisation.
   */
  async read(actor: Actor, handoverId: string, format: 'json' | 'html' | 'pdf' = 'json'): Promise<HandoverFolder> {
    const meeting = await this.repository.findById(handoverId);
    if (!meeting) throw new NotFoundProblem('handover meeting');
    const placement = await this.repository.placement(meeting.placementId);
    if (
      actor.role === 'employer_user' &&
      (!meeting.employerContacted ||
        !(await this.consents.hasConsent(placement.participantId, 'disclose_support_organisation', placement.employerId)))
    ) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'The participant has not agreed to share this folder with the employer.',
      );
    }
    await this.audit.record(actor, {
      action: 'read',
      resourceType: 'handover_folder',
      resourceId: handoverId,
      subjectParticipantId: placement.participantId,
      fields: [format],
    });
    return this.folder(handoverId);
  }

  /** The folder's content; callers audit the read. */
  async folder(handoverId: string): Promise<HandoverFolder> {
    const meeting = await this.repository.findById(handoverId);
    if (!meeting) throw new NotFoundProblem('handover meeting');
    const row = await this.repository.folderRow(meeting.placementId);
    if (!row) throw new NotFoundProblem('placement');
    const coach = await this.memberships.recipient(row.coach_membership_id);
    const checklist = meeting.checklist as Partial<HandoverChecklist>;
    const plan = checklist.monitoringPlan;
    return {
      employerName: row.employer,
      employeeName: row.employee,
      contact: { name: coach?.displayName ?? 'Werkbrug', phone: coach?.phone ?? null, email: coach?.email ?? null },
      confirmed: meeting.participantConfirmedAt !== null,
      employerConfirmed: meeting.employerConfirmedAt !== null,
      agreements: AGREEMENT_ITEMS.map((key) => ({
        key,
        label: LABELS[key],
        applicable: checklist.agreements?.[key]?.applicable ?? true,
        text: checklist.agreements?.[key]?.text ?? '',
        owner: checklist.agreements?.[key]?.owner ?? '',
      })),
      expectations: EXPECTATION_ITEMS.map((key) => ({
        key,
        label: LABELS[key],
        applicable: checklist.expectations?.[key]?.applicable ?? true,
        text: checklist.expectations?.[key]?.text ?? '',
      })),
      plan: plan
        ? {
            frequencyLabel: FREQUENCY[plan.frequency],
            forms: plan.forms.join(', '),
            whoContactsLabel: WHO[plan.whoContacts],
            plannedAftercareEnd: plan.plannedAftercareEnd,
          }
        : null,
    };
  }

  html(folder: HandoverFolder): string {
    return this.template(folder);
  }

  pdf(folder: HandoverFolder): Promise<Buffer> {
    return handoverFolderPdf(folder);
  }
}

/** The folder as a PDF, in a font that has every letter of the names in it. */
export function handoverFolderPdf(folder: HandoverFolder): Promise<Buffer> {
  const { document, bytes } = createPdfDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Map voor de werkgever: ${folder.employeeName}`, Author: 'Werkbrug' },
    lang: 'nl-NL',
    tagged: true,
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const heading = (text: string, size = 14) => document.font(PDF_FONT.bold).fontSize(size).text(text).font(PDF_FONT.regular);
  heading('Map voor de werkgever', 18);
  document.moveDown(0.5).fontSize(11).text(`Voor ${folder.employerName}, over het werk van ${folder.employeeName}.`);
  document.moveDown();
  heading('Uw contactpersoon');
  document.fontSize(11).text([folder.contact.name, folder.contact.phone, folder.contact.email].filter(Boolean).join(' · '));
  document.moveDown();
  heading('Afspraken');
  for (const item of folder.agreements)
    document
      .fontSize(11)
      .text(`${item.label}: ${item.applicable ? item.text : 'niet van toepassing'}${item.owner ? ` (${item.owner})` : ''}`);
  document.moveDown();
  heading('Verwachtingen');
  for (const item of folder.expectations)
    document.fontSize(11).text(`${item.label}: ${item.applicable ? item.text : 'niet van toepassing'}`);
  if (folder.plan) {
    document.moveDown();
    heading('Contact na de start (nazorg)');
    document
      .fontSize(11)
      .text(
        `Hoe vaak: ${folder.plan.frequencyLabel}. Hoe: ${folder.plan.forms}. Wie: ${folder.plan.whoContactsLabel}. Tot en met ${folder.plan.plannedAftercareEnd}.`,
      );
  }
  document.moveDown();
  heading('De regels in gewone taal');
  document
    .fontSize(11)
    .text('Loonkostensubsidie: u betaalt loon naar wat de werknemer kan (de loonwaarde); de gemeente vult aan tot het minimumloon.')
    .text('Proefplaatsing: meestal 2 maanden, zonder loon; de uitkering loopt door.')
    .text('No-riskpolis: wordt de werknemer ziek, dan krijgt u een ziektewetuitkering.');
  document.end();
  return bytes;
}
