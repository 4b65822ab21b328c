// Container HEALTHCHECK: exit 0 when the process answers GET /health/live, 1 otherwise.
// Run by `node` because the slim image has neither curl nor wget.
//
// A worker (WERKBRUG_ROLE=worker) opens no HTTP port, so for it there is nothing to
// probe beyond the process being alive, which is what the container running means.
if (process.env.WERKBRUG_ROLE === 'worker') process.exit(0);

const port = process.env.PORT || '3000';
const url = `http://127.0.0.1:${port}/health/live`;

try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) {
    process.stderr.write(`${url} answered ${response.status}\n`);
    process.exit(1);
  }
  process.exit(0);
} catch (error) {
  process.stderr.write(`${url} unreachable: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
