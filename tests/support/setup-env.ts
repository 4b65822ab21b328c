/** Per test file: quiet logs, generous rate limits, and this worker's own database and queue prefix. */
const worker = process.env.JEST_WORKER_ID ?? '1';
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.RATE_LIMIT_PER_MINUTE ??= '100000';
process.env.QUEUE_PREFIX = `test${process.env.WERKBRUG_TEST_RUN ?? ''}w${worker}`;
process.env.MAIL_OUTBOX_UI = 'true';
// supertest's cookie jar, like a browser on plain http, does not send Secure cookies.
process.env.COOKIE_SECURE = 'false';
process.env.APP_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';
process.env.ENCRYPTION_KEYS ??= 'test1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
delete process.env.SMTP_URL;
delete process.env.DATABASE_URL;
process.env.WERKBRUG_TEST_WORKER = worker;
// The Redis to test against; each app then gets REDIS_URL only when it asks for the Redis backend.
if (process.env.REDIS_URL) process.env.WERKBRUG_TEST_REDIS_URL = process.env.REDIS_URL;
delete process.env.REDIS_URL;
