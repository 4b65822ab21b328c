import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../auth/actor.js';

interface RequestContext {
  requestId?: string;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Per-request facts (request id, who is acting) for code far from the controller, such as the audit log. */
export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T {
    return storage.run(context, work);
  },
  get(): RequestContext {
    return storage.getStore() ?? {};
  },
  setActor(actor: Actor): void {
    const store = storage.getStore();
    if (store) store.actor = actor;
  },
};
