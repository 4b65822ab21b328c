import { CreateMailOutbox1763900000000 } from './1763900000000-CreateMailOutbox.js';

/** In order of their timestamps; add each new migration here. */
export const migrations = [CreateMailOutbox1763900000000];
