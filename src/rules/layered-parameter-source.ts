import type {
  DateParameterKey,
  DateParameterValue,
  NumericParameterKey,
  ParameterSource,
  ParameterValue,
} from './calculations/parameters.js';
import { MissingParameterError } from './calculations/parameters.js';

/** An organisation's own rows first, the national reference data where it has none. */
export class LayeredParameterSource implements ParameterSource {
  constructor(
    private readonly organisation: ParameterSource,
    private readonly national: ParameterSource,
  ) {}

  valueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue {
    const row = this.findValueOn(key, date, scope);
    if (!row) throw new MissingParameterError(key, date, scope);
    return row;
  }

  findValueOn(key: NumericParameterKey, date: string, scope?: string): ParameterValue | undefined {
    return this.organisation.findValueOn(key, date, scope) ?? this.national.findValueOn(key, date, scope);
  }

  dateOn(key: DateParameterKey, date: string, scope?: string): DateParameterValue {
    try {
      return this.organisation.dateOn(key, date, scope);
    } catch (error) {
      if (error instanceof MissingParameterError) return this.national.dateOn(key, date, scope);
      throw error;
    }
  }
}
