import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PortalExceptionFilter } from './portal-exception.filter.js';

/** A controller of web pages: outside the API document, errors shown as pages, sign-in redirects. */
export function PortalController(path = ''): ClassDecorator {
  return applyDecorators(Controller(path), ApiExcludeController(), UseFilters(PortalExceptionFilter));
}
