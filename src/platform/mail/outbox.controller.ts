import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { type ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import { uuidParam } from '../http/validation.js';
import type { Actor } from '../auth/actor.js';
import { ACTOR_KEY } from '../auth/current-actor.decorator.js';
import { Public } from '../auth/policy.decorator.js';
import { mailConfig } from '../config/mail.config.js';
import type { MailMessage } from './entities/mail-message.entity.js';
import { MailService } from './mail.service.js';
import { outboxServed } from './outbox-access.js';

const LIST = Handlebars.compile(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Werkbrug mail outbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{{heading}}</h1>
<p>Mail is captured here instead of being sent, because no SMTP_URL is configured. {{scope}}</p>
<table><thead><tr><th scope="col">Created</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Status</th></tr></thead><tbody>
{{#each messages}}<tr><td>{{createdAt}}</td><td>{{recipient}}</td><td><a href="/outbox/{{id}}">{{#if subject}}{{subject}}{{else}}({{template}}){{/if}}</a></td><td>{{status}}</td></tr>
{{else}}<tr><td colspan="4">No mail yet. Mail is composed within a few seconds: reload this page.</td></tr>{{/each}}
</tbody></table></main></body></html>`);

const TAKE = 200;

/**
 * The local mail catcher of the no-configuration start (see outboxServed).
 * An organisation's administrator reads the organisation's mail; anyone else
 * reads only their own: the mail sent to them when signed in, or the link and
 * reset mails this very browser asked for (bound by its link-nonce cookie,
 * not by an address anyone could type). Never another organisation's mail.
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
  async list(@Req() request: Request, @Res() response: Response): Promise<void> {
    this.ensureServed();
    const admin = this.admin(request);
    if (!admin) {
      if (!actorOf(request)) return response.redirect(303, '/portal/sign-in');
      return response.redirect(303, '/outbox/mine');
    }
    const messages = await this.mail.newestOfOrganisation(admin.organisationId, TAKE);
    this.sendList(response, 'Mail outbox', "Your organisation's mail only.", messages);
  }

  @Get('mine')
  async mine(@Req() request: Request, @Res() response: Response): Promise<void> {
    this.ensureServed();
    const messages = await this.mail.ownMail(request, TAKE);
    this.sendList(response, 'Your mail', 'Only the mail for you, or that this browser asked for.', messages);
  }

  @Get(':mailId')
  async show(@Param('mailId', uuidParam('mailId')) mailId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    this.ensureServed();
    const message = await this.readable(request, mailId);
    if (!message) throw new NotFoundException();
    // A mail's HTML is shown as-is but sandboxed: no script, no form posts from it.
    response.setHeader(
      'Content-Security-Policy',
      "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(message.html ?? `<pre>${Handlebars.escapeExpression(message.text ?? 'Not composed yet.')}</pre>`);
  }

  private async readable(request: Request, mailId: string): Promise<MailMessage | undefined> {
    const message = await this.mail.find(mailId);
    if (!message) return undefined;
    const admin = this.admin(request);
    if (admin && message.organisationId === admin.organisationId) return message;
    const own = await this.mail.ownMail(request, TAKE);
    return own.some((mail) => mail.id === message.id) ? message : undefined;
  }

  /** An administrator who has confirmed the second factor. */
  private admin(request: Request): Actor | undefined {
    const actor = actorOf(request);
    return actor?.role === 'admin' && actor.secondFactor ? actor : undefined;
  }

  private sendList(response: Response, heading: string, scope: string, messages: MailMessage[]): void {
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(LIST({ heading, scope, messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }));
  }

  private ensureServed(): void {
    if (!outboxServed(this.config)) throw new NotFoundException();
  }
}

function actorOf(request: Request): (Actor & { secondFactor?: boolean }) | undefined {
  return (request as unknown as Record<string, unknown>)[ACTOR_KEY] as (Actor & { secondFactor?: boolean }) | undefined;
}
