import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** The names under which the two markers appear in class-validator's metadata (tests enumerate them). */
export const SINGLE_LINE = 'singleLine';
export const MULTI_LINE = 'multiLine';

export const SINGLE_LINE_REASON = 'must be a single line (no line breaks)';
/** The same rule for the OpenAPI document (ECMA-262 syntax, as JSON Schema's `pattern`). */
export const SINGLE_LINE_PATTERN = '^[^\\n\\v\\f\\r\\u0085\\u2028\\u2029]*$';

/** CR, LF, vertical tab, form feed, NEL and the Unicode line and paragraph separators. */
export function hasLineBreak(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 0x0a && code <= 0x0d) || code === 0x85 || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

/**
 * A text field that holds one line: a name, title, address part, e-mail
 * address or short label. A line break there ends up in mail headers,
 * CSV exports, PDF lines and log lines where nobody expects one.
 * Other types pass: the field's own type validator names those.
 */
export function SingleLine(options: ValidationOptions = {}): PropertyDecorator {
  // Written before the property's own @ApiProperty runs (decorators apply bottom-up), which keeps the pattern and adds the rest.
  const documented = ApiProperty(
    options.each ? { items: { type: 'string', pattern: SINGLE_LINE_PATTERN } } : { pattern: SINGLE_LINE_PATTERN },
  );
  return (target, propertyName) => {
    documented(target, propertyName);
    registerDecorator({
      name: SINGLE_LINE,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: SINGLE_LINE_REASON, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !hasLineBreak(value) },
    });
  };
}

/**
 * A free-text field that may hold line breaks (notes, messages,
 * descriptions). It checks nothing: it records the choice, so that a test
 * can require every text field to be either single-line or multi-line.
 */
export function MultiLine(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: MULTI_LINE,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: { validate: () => true },
    });
}
