import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, validateSync, type ValidationError } from 'class-validator';

/**
 * Thrown when an environment variable is missing or malformed. The message is
 * one line naming the variable, because it is what an operator sees when the
 * process refuses to start.
 */
export class ConfigValidationError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigValidationError';
  }
}

/** Type checks say more than range checks about a value like "abc". */
const CHECK_ORDER = ['isInt', 'isBoolean', 'isUrl', 'matches', 'isIn', 'isEmail', 'isString'];

function firstReason(error: ValidationError): string {
  const entries = Object.entries(error.constraints ?? {});
  entries.sort(([a], [b]) => rank(a) - rank(b));
  return entries[0]?.[1].replace(new RegExp(`^${error.property}\\s*`), '') ?? 'is invalid';
}

function rank(constraint: string): number {
  const index = CHECK_ORDER.indexOf(constraint);
  return index === -1 ? CHECK_ORDER.length : index;
}

export function validateConfig<T extends object>(env: Record<string, string | undefined>, envClass: new () => T): T {
  const instance = plainToInstance(envClass, env, { enableImplicitConversion: true });
  const errors = validateSync(instance, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const [first] = errors;
    throw new ConfigValidationError(first.property, firstReason(first));
  }
  return instance;
}

/** `true`/`false`/`1`/`0` from an environment string; anything else fails validation. */
export function IsEnvBoolean(): PropertyDecorator {
  const parse = Transform(({ obj, key }) => {
    const raw = String((obj as Record<string, unknown>)[key]).toLowerCase();
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    return raw;
  });
  const check = IsBoolean({ message: 'must be true or false' });
  return (target, property) => {
    parse(target, property);
    check(target, property);
  };
}
