import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { ROUTE_POLICY, type RoutePolicy } from '../../src/platform/auth/policy.decorator.js';
import type { TestApp } from '../support/test-app.js';

export interface RouteEntry {
  method: string;
  path: string;
  name: string;
  policy: RoutePolicy | undefined;
}

const UNVERSIONED = new Set(['health', 'outbox', 'portal', 'toegankelijkheid', '']);

function join(...parts: string[]): string {
  return `/${parts
    .map((part) => part.replace(/^\/|\/$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}

/** Every route Nest serves, with the access policy its handler or controller declares. */
export function routeTable(testApp: TestApp): RouteEntry[] {
  const reflector = testApp.app.get(Reflector);
  const routes: RouteEntry[] = [];
  for (const wrapper of testApp.app.get(DiscoveryService).getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!controller) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      const first = join(base, String(path)).split('/')[1] ?? '';
      const prefix = UNVERSIONED.has(first) ? '' : 'v1';
      routes.push({
        method: RequestMethod[method].toLowerCase(),
        path: join(prefix, base, path).replace(/\/$/, '') || '/',
        name: `${controller.name}.${name}`,
        policy: reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [handler as () => void, controller]),
      });
    }
  }
  return routes;
}
