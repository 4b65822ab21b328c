import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/policy.decorator.js';
import { MailTransport } from '../mail/mail-transport.js';
import { QueueService } from '../queue/queue.service.js';

async function withTimeout<T>(work: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms`)), milliseconds);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queues: QueueService,
    private readonly mail: MailTransport,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'The process is running' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ operationId: 'getReadiness', summary: 'Database, queue backend and mail transport are reachable' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.probe('queue', this.queues.backend.ping(), { backend: this.queues.backend.kind }),
      () => this.probe('mail', this.mail.verify(), { transport: this.mail.kind }),
    ]);
  }

  private async probe(key: string, check: Promise<unknown>, details: Record<string, string>) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(check, 3000);
      return indicator.up(details);
    } catch (error) {
      return indicator.down({ ...details, message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}
