import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { PinoLoggerService } from '../../../src/platform/logging/logger.js';

function capture(level: string): { service: PinoLoggerService; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { service: new PinoLoggerService(pino({ level }, sink)), lines };
}

describe('start-up logging', () => {
  it('keeps Nest route and module lines at debug, so the banner is not buried at the default level', () => {
    const { service, lines } = capture('info');
    service.log('Mapped {/v1/me, GET} route', 'RouterExplorer');
    service.log('AppModule dependencies initialized', 'InstanceLoader');
    service.log('Mail transport ready', 'MailTransport');
    expect(lines.map((line) => line.msg)).toEqual(['Mail transport ready']);
  });

  it('still writes them when debugging', () => {
    const { service, lines } = capture('debug');
    service.log('Mapped {/v1/me, GET} route', 'RouterExplorer');
    expect(lines).toEqual([expect.objectContaining({ msg: 'Mapped {/v1/me, GET} route', context: 'RouterExplorer', level: 20 })]);
  });
});
