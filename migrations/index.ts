import { CreateMailOutbox1763900000000 } from './1763900000000-CreateMailOutbox.js';
import { CreateIdentityAndPrivacy1763900100000 } from './1763900100000-CreateIdentityAndPrivacy.js';

/** In order of their timestamps; add each new migration here. */
export const migrations = [CreateMailOutbox1763900000000, CreateIdentityAndPrivacy1763900100000];
