import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, validateSync, ValidationError } from 'class-validator';

/**
 * Thrown when an environment variable is missing or malformed. The message is
 * one line naming the variable, because it is what an operator sees when the
 * process refuses to start.
 */
export class ConfigValidationError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigValidationError';
  }
}

function firstReason(error: ValidationError): string {
  const constraints = Object.values(error.constraints ?? {});
  return constraints[0]?.replace(new RegExp(`^${error.property}\\s*`), '') ?? 'is invalid';
}

export function validateConfig<T extends object>(
  env: Record<string, string | undefined>,
  envClass: new () => T,
): T {
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
