import { Injectable, Logger } from '@nestjs/common';
import { missingRuleValueKey, TasksService } from '../tasks/tasks.service.js';
import { parameterLabel } from '../rules/calculations/parameter-labels.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/actor.js';
import { Clock } from '../platform/clock/clock.js';
import { Transactions } from '../platform/database/transactions.js';
import { NotFoundProblem, RuleViolationException } from '../platform/http/problem.js';
import { addDays, compareDates } from '../rules/calculations/dates.js';
import { formatLongDate } from '../rules/calculations/explain.js';
import {
  type AnyParameterValue,
  DATE_PARAMETER_KEYS,
  type ParameterSource,
  type RuleParameterKey,
} from '../rules/calculations/parameters.js';
import { GovernedParameterSource, isOrganisationKey } from '../rules/governed-parameter-source.js';
import { nationalParameters } from '../rules/reference/national-parameters.js';
import type { CreateRuleParameterDto, RuleParameterDto } from './dto/rule-parameter.dto.js';
import type { OrganisationRuleParameter } from './entities/organisation-rule-parameter.entity.js';
import { type RuleParameterRow, RuleParametersRepository } from './rule-parameters.repository.js';

/**
 * Rule parameters under governance: national reference data is authoritative; an organisation
 * may set its local rules, and add a value for a national rule only for a period the national
 * data does not cover. Values are never edited: an admin can end-date or withdraw them.
 */
/**
 * The rules the calculations read per scope (the quota percentage per sector): each is listed, with or without a
 * value, so a sector whose percentage no source has confirmed shows as missing instead of not at all.
 */
const EXPECTED_SLOTS: ReadonlyArray<{ key: string; scope: string }> = [
  { key: 'quotaPercentage', scope: 'public' },
  { key: 'quotaPercentage', scope: 'private' },
];

@Injectable()
export class RuleParametersService {
  private readonly logger = new Logger(RuleParametersService.name);
  private readonly nationalOnly = new GovernedParameterSource(nationalParameters, []);
  private readonly addedListeners: Array<(organisationId: string) => Promise<void>> = [];
  /** Tasks this process already asked for: pages that show a provisional figure do not write on every view. */
  private readonly noted = new Set<string>();

  constructor(
    private readonly repository: RuleParametersRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tasks: TasksService,
  ) {}

  /** Called after an organisation adds a value (committed): a value that was missing may have arrived. */
  onAdded(listener: (organisationId: string) => Promise<void>): void {
    this.addedListeners.push(listener);
  }

  /**
   * A calculation used a value that is not published in Werkbrug yet: the
   * organisation's admins get a task to add it (one per parameter and period).
   */
  async noteProvisionalValues(organisationId: string, used: readonly AnyParameterValue[]): Promise<void> {
    for (const row of used) {
      if (row.origin !== 'provisional' || !row.provisional) continue;
      const dedupeKey = missingRuleValueKey(organisationId, row.key, row.scope ?? null, row.provisional.periodStart);
      if (this.noted.has(dedupeKey)) continue;
      const from = formatLongDate(row.provisional.periodStart, 'nl');
      await this.tasks.create({
        organisationId,
        assigneeMembershipId: null,
        kind: 'other',
        title: `Voeg ${row.key === 'minimumWagePerHour' ? 'het minimumloon' : parameterLabel(row.key, 'nl')} per ${from} toe onder regels en bedragen`,
        detail: `Werkbrug rekent nu voorlopig met de waarde van ${formatLongDate(row.provisional.lastKnownFrom, 'nl')}. Zodra de nieuwe waarde er is, worden opgegeven maanden met een correctie bijgewerkt.`,
        dueOn: row.provisional.periodStart,
        dedupeKey,
      });
      this.noted.add(dedupeKey);
      this.logger.warn({ organisationId, key: row.key, period: row.provisional.periodStart }, 'provisional rule value used');
    }
  }

  /** The parameters for one organisation's calculations. */
  async sourceFor(organisationId: string): Promise<ParameterSource> {
    const rows = await this.repository.activeFor(organisationId);
    return new GovernedParameterSource(nationalParameters, rows.map(toValue));
  }

  async list(organisationId: string): Promise<RuleParameterDto[]> {
    const own = await this.repository.allFor(organisationId);
    return [...nationalParameters.map((row) => nationalDto(row)), ...own.map(organisationDto)];
  }

  /**
   * Every rule (key and scope) with its values, newest first: the rules page's list, and the source of the rules
   * without a value (also the rules the calculations ask for per scope but no source has confirmed, with none).
   */
  async rules(organisationId: string): Promise<Array<{ key: string; scope: string | null; values: RuleParameterDto[] }>> {
    const groups = new Map<string, { key: string; scope: string | null; values: RuleParameterDto[] }>();
    const slot = (key: string, scope: string | null) => {
      const id = `${key}|${scope ?? ''}`;
      if (!groups.has(id)) groups.set(id, { key, scope, values: [] });
      return groups.get(id)!;
    };
    for (const row of await this.list(organisationId)) slot(row.key, row.scope).values.push(row);
    for (const expected of EXPECTED_SLOTS) slot(expected.key, expected.scope);
    for (const group of groups.values()) group.values.sort((a, b) => b.validFrom.localeCompare(a.validFrom));
    return [...groups.values()];
  }

  /** The rules with no value in force on `date`, as the rules page marks them ("geen waarde voor vandaag"), for the admin's home. */
  async withoutValueOn(organisationId: string, date: string): Promise<Array<{ key: string; scope: string | null }>> {
    return (await this.rules(organisationId))
      .filter((rule) => !rule.values.some((row) => isInForce(row, date)))
      .map(({ key, scope }) => ({ key, scope }));
  }

  async add(actor: Actor, input: CreateRuleParameterDto): Promise<RuleParameterDto> {
    const key = input.key as RuleParameterKey;
    const scope = input.scope ?? null;
    const validTo = input.validTo ?? null;
    const isDate = (DATE_PARAMETER_KEYS as readonly string[]).includes(key);
    if (isDate && input.valueDate === undefined) throw new RuleViolationException('valueDate', `is required for ${key}`);
    if (!isDate && input.valueNumber === undefined) throw new RuleViolationException('valueNumber', `is required for ${key}`);
    if (validTo !== null && compareDates(validTo, input.validFrom) < 0)
      throw new RuleViolationException('validTo', 'must not be before validFrom');
    const local = isOrganisationKey(key);
    if (!local) this.refuseNationalOverlap(key, scope, input.validFrom, validTo);
    const saved = await this.transactions.run(async () => {
      await this.repository.lockKey(actor.organisationId, key, scope);
      const rows = await this.repository.activeForKey(actor.organisationId, key, scope);
      if (local) {
        // A local rule is a sequence of values: a new one closes the open one before it; the past is never changed.
        if (rows.some((row) => row.validFrom >= input.validFrom)) {
          throw new RuleViolationException('validFrom', 'must be after the start of the latest value; past values are never changed');
        }
        const open = rows.find((row) => row.validTo === null || compareDates(row.validTo, input.validFrom) >= 0);
        if (open) await this.repository.setValidTo(open.id, addDays(input.validFrom, -1));
      } else {
        const overlapping = rows.find((row) => this.overlapsInEffect(row, input.validFrom, validTo));
        if (overlapping) {
          throw new RuleViolationException(
            'validFrom',
            `your organisation already has a value for ${key} from ${overlapping.validFrom}; end-date or withdraw it first`,
          );
        }
      }
      const row = await this.repository.insert({
        organisationId: actor.organisationId,
        key,
        scope,
        valueNumber: isDate ? null : String(input.valueNumber),
        valueDate: isDate ? input.valueDate! : null,
        validFrom: input.validFrom,
        validTo,
        source: input.source,
        createdByUserId: actor.userId,
      });
      await this.audit.record(actor, {
        action: 'create',
        resourceType: 'rule_parameter',
        resourceId: row.id,
        fields: ['key', 'value', 'validFrom'],
      });
      await this.tasks.ruleValueAdded(actor.organisationId, key, input.validFrom, validTo, this.clock.now());
      return row;
    });
    this.logger.log({ key, validFrom: input.validFrom, organisationId: actor.organisationId }, 'rule parameter added');
    for (const listener of this.addedListeners) await listener(actor.organisationId);
    return organisationDto({ ...saved, createdByName: null });
  }

  /** Sets the last day an organisation value applies. */
  async end(actor: Actor, id: string, validTo: string): Promise<RuleParameterDto> {
    const row = await this.transactions.run(async () => {
      const current = await this.repository.findForUpdate(actor.organisationId, id);
      if (!current || current.withdrawnAt) throw new NotFoundProblem('rule parameter');
      if (compareDates(validTo, current.validFrom) < 0) throw new RuleViolationException('validTo', 'must not be before validFrom');
      const key = current.key as RuleParameterKey;
      if (!isOrganisationKey(key)) this.refuseNationalOverlap(key, current.scope, current.validFrom, validTo);
      const others = (await this.repository.activeForKey(actor.organisationId, current.key, current.scope)).filter(
        (other) => other.id !== id,
      );
      const overlapping = others.find((other) => this.overlapsInEffect(other, current.validFrom, validTo));
      if (overlapping) throw new RuleViolationException('validTo', `would overlap your value from ${overlapping.validFrom}`);
      await this.repository.setValidTo(id, validTo);
      await this.audit.record(actor, { action: 'update', resourceType: 'rule_parameter', resourceId: id, fields: ['validTo'] });
      return { ...current, validTo };
    });
    return organisationDto({ ...row, createdByName: null });
  }

  /** Withdraws an organisation value: kept for the record, no longer used by any calculation. */
  async withdraw(actor: Actor, id: string): Promise<RuleParameterDto> {
    const row = await this.transactions.run(async () => {
      const current = await this.repository.findForUpdate(actor.organisationId, id);
      if (!current) throw new NotFoundProblem('rule parameter');
      if (current.withdrawnAt) return current;
      const at = this.clock.now();
      await this.repository.withdraw(id, at, actor.userId);
      await this.audit.record(actor, { action: 'delete', resourceType: 'rule_parameter', resourceId: id, fields: ['withdrawnAt'] });
      return { ...current, withdrawnAt: at, withdrawnByUserId: actor.userId };
    });
    return organisationDto({ ...row, createdByName: null });
  }

  /** Compares with the days a row really applies (an open end stops where national data begins). */
  private overlapsInEffect(row: OrganisationRuleParameter, from: string, to: string | null): boolean {
    const range = this.nationalOnly.effectiveRange({
      key: row.key as RuleParameterKey,
      scope: row.scope ?? undefined,
      validFrom: row.validFrom,
      validTo: row.validTo,
    });
    if (!range) return false;
    const mine = this.nationalOnly.effectiveRange({
      key: row.key as RuleParameterKey,
      scope: row.scope ?? undefined,
      validFrom: from,
      validTo: to,
    });
    return mine !== undefined && overlaps(range.validFrom, range.validTo, mine.validFrom, mine.validTo);
  }

  private refuseNationalOverlap(key: RuleParameterKey, scope: string | null, from: string, to: string | null): void {
    // An open end stops by itself where a later national value begins, so only its first day must be uncovered.
    const covering = this.nationalOnly.nationalCovers(key, scope ?? undefined, from, to ?? from);
    if (covering) {
      throw new RuleViolationException(
        'validFrom',
        `${key} is a national rule and the national reference data has a value from ${formatLongDate(covering.validFrom, 'nl')}` +
          `${covering.validTo ? ` to ${formatLongDate(covering.validTo, 'nl')}` : ''}; an organisation may only add a value for a period it does not cover`,
      );
    }
  }
}

function overlaps(fromA: string, toA: string | null, fromB: string, toB: string | null): boolean {
  return (toB === null || compareDates(fromA, toB) <= 0) && (toA === null || compareDates(fromB, toA) <= 0);
}

function toValue(row: RuleParameterRow): AnyParameterValue {
  const base = {
    validFrom: row.validFrom,
    validTo: row.validTo,
    source: row.source,
    origin: 'organisation' as const,
    recordedBy: row.createdByName,
    recordedAt: row.createdAt.toISOString(),
    ...(row.scope ? { scope: row.scope } : {}),
  };
  return row.valueDate !== null
    ? { ...base, key: row.key as 'inclusivenessRegimeStart', value: row.valueDate }
    : { ...base, key: row.key as never, value: Number(row.valueNumber) };
}

function nationalDto(row: AnyParameterValue): RuleParameterDto {
  return {
    id: null,
    key: row.key,
    scope: row.scope ?? null,
    value: row.value,
    validFrom: row.validFrom,
    validTo: row.validTo,
    source: row.source,
    origin: 'national',
    recordedBy: null,
    recordedAt: null,
    withdrawnAt: null,
  };
}

function organisationDto(row: OrganisationRuleParameter & { createdByName: string | null }): RuleParameterDto {
  return {
    id: row.id,
    key: row.key,
    scope: row.scope ?? null,
    value: row.valueDate ?? Number(row.valueNumber),
    validFrom: row.validFrom,
    validTo: row.validTo,
    source: row.source,
    origin: 'organisation',
    recordedBy: row.createdByName,
    recordedAt: row.createdAt ? new Date(row.createdAt).toISOString() : null,
    withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt).toISOString() : null,
  };
}

/** Whether a listed value applies on `date` (not withdrawn, inside its period). */
export function isInForce(row: Pick<RuleParameterDto, 'withdrawnAt' | 'validFrom' | 'validTo'>, date: string): boolean {
  return !row.withdrawnAt && row.validFrom <= date && (row.validTo === null || row.validTo >= date);
}
