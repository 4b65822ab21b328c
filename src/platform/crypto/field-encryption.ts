import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { identityConfig } from '../config/identity.config.js';

const PREFIX = 'enc1';

/**
 * AES-256-GCM for notes that hold special-category data. The key id travels
 * with the value, so keys can be rotated: new writes use the first key, old
 * values stay readable while their key is still configured.
 */
@Injectable()
export class FieldEncryption {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string;

  constructor(@Inject(identityConfig.KEY) config: ConfigType<typeof identityConfig>) {
    this.keys = new Map(config.encryptionKeys.map(({ id, key }) => [id, key]));
    this.currentKeyId = config.encryptionKeys[0].id;
  }

  encrypt(plain: string): string;
  encrypt(plain: string | null | undefined): string | null;
  encrypt(plain: string | null | undefined): string | null {
    if (plain === null || plain === undefined) return null;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [PREFIX, this.currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  decrypt(stored: string | null | undefined): string | null {
    if (stored === null || stored === undefined) return null;
    const [prefix, keyId, iv, tag, body] = stored.split('.');
    if (prefix !== PREFIX || !body) throw new Error('Value is not encrypted with FieldEncryption');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Encryption key ${keyId} is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }

  keyIdOf(stored: string): string {
    return stored.split('.')[1];
  }
}
