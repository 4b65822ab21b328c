import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor.js';

export const ACTOR_KEY = 'werkbrugActor';

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<Record<string, unknown>>();
  const actor = request[ACTOR_KEY] as Actor | undefined;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
