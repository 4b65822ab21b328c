import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;

const strength = new ZxcvbnFactory({ graphs: adjacencyGraphs, dictionary });
/** OWASP's argon2id settings; `algorithm: 2` is Argon2id (the package's enum is a const enum). */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id hashing and the password rules: long enough, and not a known common or guessable password. */
@Injectable()
export class PasswordPolicy {
  /** Why the password is refused, or undefined when it is fine. */
  weakness(password: string, context: string[] = []): string | undefined {
    if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
    if (password.length > 200) return 'must be at most 200 characters';
    const result = strength.check(password, context);
    const common =
      result.sequence.length === 1 &&
      result.sequence[0].pattern === 'dictionary' &&
      result.sequence[0].dictionaryName === 'passwords-common';
    if (common) return 'is on a list of commonly used passwords';
    if (result.score < 3) return 'is too easy to guess; use a longer phrase of unrelated words';
    return undefined;
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID);
  }

  async verify(stored: string | null | undefined, password: string): Promise<boolean> {
    if (!stored) {
      // Same work as a real check, so timing does not reveal whether an account exists.
      await hash(password, ARGON2ID);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}
