import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../platform/auth/actor.js';
import { RuleViolationException } from '../platform/http/problem.js';
import { addDays } from './calculations/dates.js';
import {
  type AnyParameterValue,
  DATE_PARAMETER_KEYS,
  InMemoryParameterSource,
  type ParameterSource,
  type RuleParameterKey,
} from './calculations/parameters.js';
import type { CreateRuleParameterDto, RuleParameterDto } from './dto/rule-parameter.dto.js';
import { OrganisationRuleParameter } from './entities/organisation-rule-parameter.entity.js';
import { LayeredParameterSource } from './layered-parameter-source.js';
import { nationalParameters } from './reference/national-parameters.js';

/** Rules an organisation sets for itself; national ones it may only fill where the shipped data has no value yet. */
const LOCAL_KEYS: readonly RuleParameterKey[] = ['reassessmentIntervalMonths', 'durablePlacementMonths'];

@Injectable()
export class RuleParametersService {
  private readonly national = new InMemoryParameterSource(nationalParameters);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The parameters for one organisation's calculations: its own rows over the national reference data. */
  async sourceFor(organisationId: string): Promise<ParameterSource> {
    const rows = await this.dataSource.getRepository(OrganisationRuleParameter).findBy({ organisationId });
    return new LayeredParameterSource(new InMemoryParameterSource(rows.map(toValue)), this.national);
  }

  async list(organisationId: string): Promise<RuleParameterDto[]> {
    const own = await this.dataSource
      .getRepository(OrganisationRuleParameter)
      .find({ where: { organisationId }, order: { key: 'ASC', validFrom: 'ASC' } });
    return [...nationalParameters.map((row) => toDto(row, 'national')), ...own.map((row) => toDto(toValue(row), 'organisation'))];
  }

  async add(actor: Actor, input: CreateRuleParameterDto): Promise<RuleParameterDto> {
    const key = input.key as RuleParameterKey;
    const isDate = (DATE_PARAMETER_KEYS as readonly string[]).includes(key);
    if (isDate && input.valueDate === undefined) throw new RuleViolationException('valueDate', `is required for ${key}`);
    if (!isDate && input.valueNumber === undefined) throw new RuleViolationException('valueNumber', `is required for ${key}`);
    if (!LOCAL_KEYS.includes(key)) {
      const nationalRow = isDate
        ? nationalParameters.find(
            (row) =>
              row.key === key &&
              (row.scope ?? null) === (input.scope ?? null) &&
              row.validFrom <= input.validFrom &&
              (row.validTo === null || input.validFrom <= row.validTo),
          )
        : this.national.findValueOn(key as never, input.validFrom, input.scope);
      if (nationalRow) {
        throw new RuleViolationException(
          'key',
          `${key} is a national rule; the shipped reference data already has a value on ${input.validFrom}`,
        );
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(OrganisationRuleParameter);
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${actor.organisationId}:${key}:${input.scope ?? ''}`]);
      const rows = await repository.find({ where: { organisationId: actor.organisationId, key }, order: { validFrom: 'ASC' } });
      const sameScope = rows.filter((row) => (row.scope ?? null) === (input.scope ?? null));
      if (sameScope.some((row) => row.validFrom >= input.validFrom)) {
        throw new RuleViolationException('validFrom', 'must be after the start of the latest value; past values are never changed');
      }
      const open = sameScope.find((row) => row.validTo === null);
      if (open) await repository.update({ id: open.id }, { validTo: addDays(input.validFrom, -1) });
      const saved = await repository.save({
        organisationId: actor.organisationId,
        key,
        scope: input.scope ?? null,
        valueNumber: isDate ? null : String(input.valueNumber),
        valueDate: isDate ? input.valueDate! : null,
        validFrom: input.validFrom,
        validTo: null,
        source: input.source,
        createdByUserId: actor.userId,
      });
      return toDto(toValue(saved), 'organisation');
    });
  }
}

function toValue(row: OrganisationRuleParameter): AnyParameterValue {
  const base = { validFrom: row.validFrom, validTo: row.validTo, source: row.source, ...(row.scope ? { scope: row.scope } : {}) };
  return row.valueDate !== null
    ? { ...base, key: row.key as 'inclusivenessRegimeStart', value: row.valueDate }
    : { ...base, key: row.key as never, value: Number(row.valueNumber) };
}

function toDto(row: AnyParameterValue, origin: RuleParameterDto['origin']): RuleParameterDto {
  return {
    key: row.key,
    scope: row.scope ?? null,
    value: row.value,
    validFrom: row.validFrom,
    validTo: row.validTo,
    source: row.source,
    origin,
  };
}
