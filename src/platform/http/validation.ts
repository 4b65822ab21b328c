import { ParseUUIDPipe, type ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInputException, type InvalidParam } from './problem.js';

function flatten(errors: ValidationError[], parent = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, reason]) => ({
      name,
      reason: constraint === 'whitelistValidation' ? 'is not a known field' : reason,
    }));
    return [...own, ...flatten(error.children ?? [], name)];
  });
}

export function invalidParamsFromValidation(errors: ValidationError[]): InvalidParam[] {
  return flatten(errors);
}

/** Unknown fields are rejected, not silently dropped, and every failure names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputException(invalidParamsFromValidation(errors)),
  });
}

/** A path id that must be a UUID; a malformed one is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    version: undefined,
    exceptionFactory: () => new InvalidInputException([{ name, reason: 'must be a UUID' }]),
  });
}
