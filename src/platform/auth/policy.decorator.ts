import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../identity/entities/membership.entity.js';

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
}

export const ROUTE_POLICY = Symbol('werkbrug:route-policy');

export const Policy = (policy: RoutePolicy): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_POLICY, policy);
export const Public = (): MethodDecorator & ClassDecorator => Policy({ public: true });

export const ALL_ROLES = ['admin', 'team_lead', 'jobcoach', 'employer_user', 'participant'] as const;
export const STAFF = ['admin', 'team_lead', 'jobcoach'] as const;
export const CASEWORKERS = ['team_lead', 'jobcoach'] as const;
