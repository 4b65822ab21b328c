import { SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Role } from '../../identity/entities/membership.entity.js';
import type { AssuranceLevel } from './assurance.js';

export type ResourceKind = 'participant' | 'employer' | 'membership' | 'placement' | 'handover_meeting' | 'checkin';

/**
 * Every route states who may call it. The guard refuses to serve a route
 * without one, and a test walks the route table to make sure none is missing.
 */
export interface RoutePolicy {
  /** Open to anyone, signed in or not (sign-in itself, health). */
  public?: boolean;
  roles?: readonly Role[];
  /** The path parameter names a resource the actor must be related to (else 404). */
  resource?: { kind: ResourceKind; param: string };
  /** Allowed before an admin has confirmed the second factor (enrolment, sign-out). */
  withoutSecondFactor?: boolean;
  /**
   * Where the organisation offers a broker sign-in (DigiD, eHerkenning) for
   * the actor's role, the session must carry at least this level of assurance.
   */
  assurance?: AssuranceLevel;
}

export const ROUTE_POLICY = Symbol('werkbrug:route-policy');

/** Names of the security schemes in the OpenAPI document (src/platform/http/openapi.ts). */
export const BEARER_SCHEME = 'bearer';
export const SESSION_SCHEME = 'session';

/** A route that is not public takes either credential: a bearer token or the session cookie. */
function documentSecurity(handler: object, policy: RoutePolicy): void {
  if (policy.public) return;
  const descriptor = { value: handler };
  ApiSecurity(BEARER_SCHEME)({}, '', descriptor);
  ApiSecurity(SESSION_SCHEME)({}, '', descriptor);
}

/**
 * Also documents the route's security requirement. On a controller it does so
 * for every handler without its own policy (class decorators run after the
 * method decorators, so those are known by then).
 */
export const Policy =
  (policy: RoutePolicy): MethodDecorator & ClassDecorator =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one signature of both decorator kinds
  (target: any, key?: string | symbol, descriptor?: TypedPropertyDescriptor<any>) => {
    SetMetadata(ROUTE_POLICY, policy)(target, key as string, descriptor as TypedPropertyDescriptor<unknown>);
    if (descriptor) {
      documentSecurity(descriptor.value as object, policy);
      return;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name !== 'constructor' && typeof handler === 'function' && Reflect.getMetadata(ROUTE_POLICY, handler) === undefined) {
        documentSecurity(handler, policy);
      }
    }
  };
export const Public = (): MethodDecorator & ClassDecorator => Policy({ public: true });

export const ALL_ROLES = ['admin', 'team_lead', 'jobcoach', 'employer_user', 'participant', 'funder'] as const;
export const STAFF = ['admin', 'team_lead', 'jobcoach'] as const;
export const CASEWORKERS = ['team_lead', 'jobcoach'] as const;
