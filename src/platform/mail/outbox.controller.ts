import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import { uuidParam } from '../http/validation.js';
import { Public } from '../auth/policy.decorator.js';
import { mailConfig } from '../config/mail.config.js';
import { MailService } from './mail.service.js';

const LIST = Handlebars.compile(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Werkbrug mail outbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Mail outbox</h1>
<p>Mail is captured here instead of being sent, because no SMTP_URL is configured.</p>
<table><thead><tr><th scope="col">Created</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Status</th></tr></thead><tbody>
{{#each messages}}<tr><td>{{createdAt}}</td><td>{{recipient}}</td><td><a href="/outbox/{{id}}">{{#if subject}}{{subject}}{{else}}({{template}}){{/if}}</a></td><td>{{status}}</td></tr>
{{else}}<tr><td colspan="4">No mail yet.</td></tr>{{/each}}
</tbody></table></main></body></html>`);

/**
 * The local mail catcher of the no-configuration start; off whenever SMTP is
 * configured, and refused in production whatever the setting.
 */
@ApiExcludeController()
@Public()
@Controller('outbox')
export class OutboxController {
  constructor(
    private readonly mail: MailService,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
  ) {}

  @Get()
  async list(@Res() response: Response): Promise<void> {
    this.ensureEnabled();
    const messages = await this.mail.newest(200);
    response.type('html').send(LIST({ messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }));
  }

  @Get(':mailId')
  async show(@Param('mailId', uuidParam('mailId')) mailId: string, @Res() response: Response): Promise<void> {
    this.ensureEnabled();
    const message = await this.mail.find(mailId);
    if (!message) throw new NotFoundException();
    // A mail's HTML is shown as-is but sandboxed: no script, no form posts from it.
    response.setHeader(
      'Content-Security-Policy',
      "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
    response.type('html').send(message.html ?? `<pre>${Handlebars.escapeExpression(message.text ?? 'Not composed yet.')}</pre>`);
  }

  private ensureEnabled(): void {
    if (!this.config.outboxUi || process.env.NODE_ENV === 'production') throw new NotFoundException();
  }
}
