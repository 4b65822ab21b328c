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

// A development tool, in Dutch like the portal it serves (participants read their sign-in link here in the demo).
const LIST = Handlebars.compile(`<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{{heading}} - Werkbrug</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/utrecht/design-tokens.css"><link rel="stylesheet" href="/assets/utrecht/components.css">
<link rel="stylesheet" href="/assets/werkbrug-theme.css"><link rel="stylesheet" href="/assets/portal.css"></head>
<body class="utrecht-theme"><main class="site-main"><h1 class="utrecht-heading-1">{{heading}}</h1>
<p class="utrecht-paragraph">Werkbrug verstuurt hier geen e-mail, want er is geen mailserver ingesteld (SMTP_URL). De e-mail komt op deze pagina. {{scope}}</p>
<div class="table-scroll" tabindex="0" role="region" aria-label="{{heading}}">
<table class="utrecht-table utrecht-table--html-table"><thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">Gemaakt</th><th class="utrecht-table__header-cell" scope="col">Aan</th><th class="utrecht-table__header-cell" scope="col">Onderwerp</th><th class="utrecht-table__header-cell" scope="col">Status</th></tr></thead><tbody class="utrecht-table__body">
{{#each messages}}<tr class="utrecht-table__row"><td class="utrecht-table__cell">{{createdAt}}</td><td class="utrecht-table__cell">{{recipient}}</td><td class="utrecht-table__cell"><a class="utrecht-link" href="/outbox/{{id}}">{{#if subject}}{{subject}}{{else}}(wordt nog gemaakt){{/if}}</a></td><td class="utrecht-table__cell">{{status}}</td></tr>
{{else}}<tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="4">Nog geen e-mail. Een e-mail is binnen een paar seconden klaar: laad deze pagina dan opnieuw.</td></tr>{{/each}}
</tbody></table></div>
<p class="utrecht-paragraph"><a class="utrecht-link" href="/portal">Naar Werkbrug</a></p></main></body></html>`);

const STATUS: Record<MailMessage['status'], string> = {
  queued: 'wacht op verzenden',
  sent: 'klaar',
  retrying: 'wordt opnieuw geprobeerd',
  failed: 'mislukt',
};

const CREATED = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

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
    this.sendList(response, 'E-mail van uw organisatie', 'U ziet alleen de e-mail van uw eigen organisatie.', messages);
  }

  @Get('mine')
  async mine(@Req() request: Request, @Res() response: Response): Promise<void> {
    this.ensureServed();
    const messages = await this.mail.ownMail(request, TAKE);
    this.sendList(response, 'Uw e-mail', 'U ziet alleen e-mail voor u, of e-mail die u in deze browser heeft aangevraagd.', messages);
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
    response
      .type('html')
      .send(
        message.html ??
          `<pre>${Handlebars.escapeExpression(message.text ?? 'Deze e-mail wordt nog gemaakt. Laad de pagina over een paar seconden opnieuw.')}</pre>`,
      );
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
    response.type('html').send(
      LIST({
        heading,
        scope,
        messages: messages.map((m) => ({ ...m, createdAt: CREATED.format(m.createdAt), status: STATUS[m.status] ?? m.status })),
      }),
    );
  }

  private ensureServed(): void {
    if (!outboxServed(this.config)) throw new NotFoundException();
  }
}

function actorOf(request: Request): (Actor & { secondFactor?: boolean }) | undefined {
  return (request as unknown as Record<string, unknown>)[ACTOR_KEY] as (Actor & { secondFactor?: boolean }) | undefined;
}
