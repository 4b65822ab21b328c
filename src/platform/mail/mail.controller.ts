import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { Policy } from '../auth/policy.decorator.js';
import { NotFoundProblem } from '../http/problem.js';
import { uuidParam } from '../http/validation.js';
import { PageQueryDto, pageWindow } from '../http/pagination/page.dto.js';
import { CreateTestMessageDto } from './dto/create-test-message.dto.js';
import { MailMessageDto } from './dto/mail-message.dto.js';
import type { MailStatus } from './entities/mail-message.entity.js';
import { MailService } from './mail.service.js';

const MAIL_STATUSES: MailStatus[] = ['queued', 'sent', 'retrying', 'failed'];

export class MailMessageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MAIL_STATUSES, example: 'failed', description: 'Only mail with this delivery status.' })
  @IsOptional()
  @IsIn(MAIL_STATUSES)
  status?: MailStatus;
}

export class MailMessagePageDto {
  @ApiProperty({ type: [MailMessageDto] })
  items: MailMessageDto[];

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 25 })
  pageSize: number;

  @ApiProperty({ example: 1 })
  total: number;
}

@ApiTags('mail')
@Policy({ roles: ['admin'] })
@Controller('mail')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Post('test-messages')
  @HttpCode(202)
  @ApiOperation({ operationId: 'sendTestMessage', summary: 'Queue a test e-mail to check that mail delivery works' })
  @ApiAcceptedResponse({ type: MailMessageDto })
  async sendTestMessage(@CurrentActor() actor: Actor, @Body() body: CreateTestMessageDto): Promise<MailMessageDto> {
    const id = await this.mail.queue({
      organisationId: actor.organisationId,
      template: 'test-message',
      locale: body.locale ?? 'nl',
      to: body.recipient,
      context: { requestedBy: 'Werkbrug' },
      dedupeKey: `test-message.${randomUUID()}`,
    });
    const message = await this.mail.find(id);
    if (!message) throw new NotFoundProblem('mail message');
    return MailMessageDto.from(message);
  }

  @Get('messages')
  @ApiOperation({
    operationId: 'listMailMessages',
    summary: "Your organisation's e-mail, newest first; `status=failed` lists what could not be delivered",
  })
  @ApiOkResponse({ type: MailMessagePageDto })
  async listMessages(@CurrentActor() actor: Actor, @Query() query: MailMessageQueryDto): Promise<MailMessagePageDto> {
    const { page, pageSize, skip } = pageWindow(query);
    const [rows, total] = await this.mail.page(actor.organisationId, query.status ? [query.status] : MAIL_STATUSES, skip, pageSize);
    return { items: rows.map((row) => MailMessageDto.from(row)), page, pageSize, total };
  }

  @Get('messages/:messageId')
  @ApiOperation({ operationId: 'getMailMessage', summary: 'Delivery status of one queued e-mail' })
  @ApiOkResponse({ type: MailMessageDto })
  async getMessage(@CurrentActor() actor: Actor, @Param('messageId', uuidParam('messageId')) messageId: string): Promise<MailMessageDto> {
    // Another organisation's mail is not found, the same as a mail that does not exist.
    const message = await this.mail.findForOrganisation(messageId, actor.organisationId);
    if (!message) throw new NotFoundProblem('mail message');
    return MailMessageDto.from(message);
  }
}
