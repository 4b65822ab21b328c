import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInputException, InvalidParam } from './problem.js';

function flatten(errors: ValidationError[], parent = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ name, reason }));
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
