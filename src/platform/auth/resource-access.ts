import type { Type } from '@nestjs/common';
import type { SqlCondition } from './policy.service.js';
import type { ResourceKind } from './policy.decorator.js';

/** A repository that answers whether a record of its table exists under a policy condition on alias `r`. */
export interface ResourceAccessReader {
  isVisible(kind: ResourceKind, id: string, condition: SqlCondition): Promise<boolean>;
}

const readers = new Map<ResourceKind, Type<ResourceAccessReader>>();

/**
 * Registers the owner's repository for a resource kind, so the access check
 * reads the table through its owner. Platform code cannot import
 * capabilities, hence a registry rather than constructor injection.
 */
export function ChecksResourceAccess(...kinds: ResourceKind[]): ClassDecorator {
  return (target) => {
    for (const kind of kinds) readers.set(kind, target as unknown as Type<ResourceAccessReader>);
  };
}

export function resourceAccessReader(kind: ResourceKind): Type<ResourceAccessReader> | undefined {
  return readers.get(kind);
}
