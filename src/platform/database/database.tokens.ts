/** The resolved connection URL: DATABASE_URL, or the embedded server's. */
export const DATABASE_URL = Symbol('werkbrug:database-url');
