import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { FieldEncryption } from '../../src/platform/crypto/field-encryption.js';
import type { IdentityConfig } from '../../src/platform/config/identity.config.js';

function encryptionWith(...keys: string[]): FieldEncryption {
  const config = { encryptionKeys: keys.map((id) => ({ id, key: KEYS[id] })) } as IdentityConfig;
  return new FieldEncryption(config);
}

const KEYS: Record<string, Buffer> = { k1: randomBytes(32), k2: randomBytes(32) };

describe('notes encrypted at rest (AES-256-GCM with a key id)', () => {
  it('round-trips, and never stores the plain text', () => {
    const encryption = encryptionWith('k1');
    const stored = encryption.encrypt('Schulden bij de woningcorporatie; werkt aan een regeling.');
    expect(stored).not.toContain('Schulden');
    expect(stored.startsWith('enc1.k1.')).toBe(true);
    expect(encryption.decrypt(stored)).toBe('Schulden bij de woningcorporatie; werkt aan een regeling.');
    expect(encryption.encrypt('x')).not.toBe(encryption.encrypt('x'));
  });

  it('keeps old values readable after the key is rotated, and writes with the new key', () => {
    const before = encryptionWith('k1').encrypt('oude notitie');
    const rotated = encryptionWith('k2', 'k1');
    expect(rotated.decrypt(before)).toBe('oude notitie');
    expect(rotated.keyIdOf(rotated.encrypt('nieuwe notitie'))).toBe('k2');
  });

  it('refuses a tampered value and an unknown key', () => {
    const encryption = encryptionWith('k1');
    const stored = encryption.encrypt('geheim');
    const parts = stored.split('.');
    parts[4] = Buffer.from('ander geheim').toString('base64');
    expect(() => encryption.decrypt(parts.join('.'))).toThrow();
    expect(() => encryptionWith('k2').decrypt(stored)).toThrow(/k1 is not configured/);
  });
});
