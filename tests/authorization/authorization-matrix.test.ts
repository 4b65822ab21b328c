import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ASSURANCE_LEVELS } from '../../src/platform/auth/assurance.js';
import type { ResourceKind } from '../../src/platform/auth/policy.decorator.js';
import { ROLES, type Role } from '../../src/identity/entities/membership.entity.js';
import { SessionService } from '../../src/identity/session.service.js';
import { createTestApp, resetState, type TestApp } from '../support/test-app.js';
import { type RouteEntry, routeTable } from './route-table.js';
import { buildOrganisation, type OrganisationWorld } from './world.js';

type Relation = 'owner' | 'same organisation' | 'other organisation';
/** null: a session from a password or e-mail link; 1-3: from a broker at low, substantial or high assurance. */
type Assurance = null | 1 | 2 | 3;
const BROKER_ASSURANCE: Assurance[] = [1, 2, 3];
/** The roles the worlds' sign-in service serves (a broker session exists only for them). */
const BROKER_ROLES: readonly Role[] = ['participant', 'employer_user'];
const RELATIONS: Relation[] = ['owner', 'same organisation', 'other organisation'];
/** AUTHZ_ROUTES=<regex>: only the routes whose path matches, for a quick local check of one area (CI runs them all). */
const ONLY = process.env.AUTHZ_ROUTES ? new RegExp(process.env.AUTHZ_ROUTES) : undefined;

/** The record of `kind` that `role` is related to, in a world. */
function ownedId(world: OrganisationWorld, kind: ResourceKind): string {
  if (kind === 'participant') return world.participantOwned;
  if (kind === 'employer') return world.employerOwned;
  if (kind === 'placement') return world.placementOwned;
  if (kind === 'handover_meeting') return world.handoverOwned;
  if (kind === 'checkin') return world.checkinOwned;
  return world.members.jobcoach.membershipId;
}

function unrelatedId(world: OrganisationWorld, kind: ResourceKind): string {
  if (kind === 'participant') return world.participantOther;
  if (kind === 'employer') return world.employerOther;
  if (kind === 'placement') return world.placementOther;
  if (kind === 'handover_meeting') return world.handoverOther;
  if (kind === 'checkin') return world.checkinOther;
  return world.otherCoach.membershipId;
}

/** What the policy says each role sees; written out by hand so the test does not repeat the code it checks. */
const VISIBLE: Record<ResourceKind, Record<'owner' | 'same organisation', readonly Role[]>> = {
  participant: { owner: ['admin', 'team_lead', 'jobcoach', 'participant'], 'same organisation': ['admin'] },
  employer: { owner: ['admin', 'team_lead', 'jobcoach', 'employer_user'], 'same organisation': ['admin', 'team_lead', 'jobcoach'] },
  membership: { owner: ['admin', 'team_lead', 'jobcoach'], 'same organisation': ['admin'] },
  // The other placement is at the same employer, but its participant gave no consent to disclose the support.
  placement: { owner: ['admin', 'team_lead', 'jobcoach', 'participant', 'employer_user'], 'same organisation': ['admin'] },
  handover_meeting: { owner: ['admin', 'team_lead', 'jobcoach', 'participant', 'employer_user'], 'same organisation': ['admin'] },
  checkin: { owner: ['admin', 'team_lead', 'jobcoach', 'participant', 'employer_user'], 'same organisation': ['admin'] },
};

function expectation(route: RouteEntry, role: Role, relation: Relation, assurance: Assurance): 'any' | 'allowed' | 403 | 404 {
  const policy = route.policy!;
  if (policy.public) return 'any';
  if (policy.roles && !policy.roles.includes(role)) return 403;
  // The organisation offers a broker for these roles: a session below the route's level is sent to step up.
  if (policy.assurance && BROKER_ROLES.includes(role) && (assurance ?? 0) < ASSURANCE_LEVELS[policy.assurance]) return 403;
  if (!policy.resource) return 'allowed';
  if (relation === 'other organisation') return 404;
  return VISIBLE[policy.resource.kind][relation].includes(role) ? 'allowed' : 404;
}

describe('authorisation matrix: every route, as every role, owner / same organisation / other organisation', () => {
  let testApp: TestApp;
  let routes: RouteEntry[];

  beforeAll(async () => {
    testApp = await createTestApp({ role: 'api' });
    routes = routeTable(testApp);
  });
  afterAll(() => testApp.close());

  it('finds the routes, and every one of them declares an access policy', () => {
    expect(routes.length).toBeGreaterThan(20);
    const withoutPolicy = routes
      .filter((route) => !route.policy)
      .map((route) => `${route.method.toUpperCase()} ${route.path} (${route.name})`);
    expect(withoutPolicy).toEqual([]);
  });

  it('answers each cell as the policy says, and never with a 5xx', async () => {
    const failures: string[] = [];
    const sessions = testApp.app.get(SessionService);
    let cells = 0;
    const reads = (route: RouteEntry) => route.method === 'get' || route.method === 'head';
    // Reads first: they share one pair of worlds and their sessions; every writing route gets new worlds, so
    // each write starts from the same state whatever the routes before it did.
    const checked = routes
      .filter((entry) => entry.policy && (!ONLY || ONLY.test(entry.path)))
      .sort((a, b) => Number(!reads(a)) - Number(!reads(b)));
    let worlds: { a: OrganisationWorld; b: OrganisationWorld; tokens: Map<string, string> } | undefined;
    for (const route of checked) {
      if (!worlds || !reads(route)) {
        await resetState(testApp);
        worlds = {
          a: await buildOrganisation(testApp.dataSource, 'OrgA'),
          b: await buildOrganisation(testApp.dataSource, 'OrgB'),
          tokens: new Map(),
        };
      }
      const { a: worldA, b: worldB, tokens } = worlds;
      const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
      const resourceParam = route.policy!.resource?.param;
      const extraParams = params.some((param) => param !== resourceParam);

      const call = async (token: string | undefined, path: string) => {
        let pending = request(testApp.http)[route.method as 'get'](path);
        if (token) pending = pending.set('Authorization', `Bearer ${token}`);
        // Pages take form posts only (JSON is refused with 415 before anything else); the API takes JSON.
        if (['post', 'put', 'patch'].includes(route.method))
          pending = route.path.startsWith('/v1/') ? pending.send({}) : pending.type('form').send({});
        return pending;
      };
      const pathWith = (resourceId: string) =>
        route.path.replace(/:(\w+)/g, (_whole, name: string) => (name === resourceParam ? resourceId : randomUUID()));

      const anonymous = await call(
        undefined,
        pathWith(route.policy!.resource ? ownedId(worldA, route.policy!.resource.kind) : randomUUID()),
      );
      cells++;
      if (anonymous.status >= 500) failures.push(`${route.method} ${route.path} anonymous: ${anonymous.status}`);
      const page = !route.path.startsWith('/v1/');
      // Pages send anonymous visitors to the sign-in page instead of answering 401.
      const signInFirst = page
        ? [302, 303].includes(anonymous.status) && String(anonymous.headers.location).startsWith('/portal/sign-in')
        : anonymous.status === 401;
      if (!route.policy!.public && !signInFirst) {
        failures.push(`${route.method} ${route.path} anonymous: ${anonymous.status}, expected ${page ? 'a redirect to sign in' : 401}`);
      }

      // Every role in every relation with an ordinary session; where the broker's roles may call the route,
      // also with a broker session at each level of assurance (as owner).
      const brokerCases = (role: Role) =>
        BROKER_ROLES.includes(role) && !route.policy!.public && (!route.policy!.roles || route.policy!.roles.includes(role))
          ? BROKER_ASSURANCE.map((assurance) => ({ role, relation: 'owner' as Relation, assurance }))
          : [];
      const cases = ROLES.flatMap((role) => [
        ...RELATIONS.map((relation) => ({ role, relation, assurance: null as Assurance })),
        ...brokerCases(role),
      ]);
      for (const { role, relation, assurance } of cases) {
        const member = worldA.members[role];
        const broker = assurance === null ? undefined : { assurance, providerId: worldA.brokerId };
        // A writing route may end the session it is called with (signing out), so it gets a new one per cell.
        const sessionKey = `${role}/${assurance}`;
        let token = reads(route) ? tokens.get(sessionKey) : undefined;
        if (!token) {
          token = (await sessions.create(member.userId, member.membershipId, role === 'admin', broker)).token;
          tokens.set(sessionKey, token);
        }
        const kind = route.policy!.resource?.kind;
        const id = !kind
          ? randomUUID()
          : relation === 'owner'
            ? ownedId(worldA, kind)
            : relation === 'same organisation'
              ? unrelatedId(worldA, kind)
              : ownedId(worldB, kind);
        const response = await call(token, pathWith(id));
        cells++;
        const expected = expectation(route, role, relation, assurance);
        const how = assurance === null ? '' : `, broker session at level ${assurance}`;
        const where = `${route.method.toUpperCase()} ${route.path} as ${role} (${relation}${how}): ${response.status}`;
        if (response.status >= 500) failures.push(`${where}, a server error`);
        else if (!page && response.status >= 400 && !/problem\+json/.test(String(response.headers['content-type'])))
          failures.push(`${where}, not problem+json`);
        else if (typeof expected === 'number' && response.status !== expected) failures.push(`${where}, expected ${expected}`);
        else if (expected === 'allowed' && [401, 403].includes(response.status)) failures.push(`${where}, expected access`);
        else if (expected === 'allowed' && response.status === 404 && !extraParams) failures.push(`${where}, expected access`);
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(checked.length * 15);
  }, 1_200_000);

  it('keeps the queue dashboard from every role of an organisation (it is for platform operators)', async () => {
    await resetState(testApp);
    const world = await buildOrganisation(testApp.dataSource, 'OrgA');
    const sessions = testApp.app.get(SessionService);
    expect((await request(testApp.http).get('/admin/queues')).status).toBe(401);
    for (const role of ROLES) {
      const { token } = await sessions.create(world.members[role].userId, world.members[role].membershipId, role === 'admin');
      const response = await request(testApp.http).get('/admin/queues').set('Cookie', `wb_session=${token}`);
      expect(response.status).toBe(403);
    }
  });
});
