import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Policy } from '../authorization/policy.decorator.js';
import { NotFoundProblem } from '../common/http/problem.js';
import { uuidParam } from '../common/http/validation.js';
import { CreateTestMessageDto } from './dto/create-test-message.dto.js';
import { MailMessageDto } from './dto/mail-message.dto.js';
import { MailMessage } from './entities/mail-message.entity.js';
import { MailService } from './mail.service.js';

@ApiTags('mail')
@Policy({ roles: ['admin'] })
@Controller('mail')
export class MailController {
  constructor(
    private readonly mail: MailService,
    @InjectRepository(MailMessage) private readonly messages: Repository<MailMessage>,
  ) {}

  @Post('test-messages')
  @HttpCode(202)
  @ApiOperation({ operationId: 'sendTestMessage', summary: 'Queue a test e-mail to check that mail delivery works' })
  @ApiAcceptedResponse({ type: MailMessageDto })
  async sendTestMessage(@Body() body: CreateTestMessageDto): Promise<MailMessageDto> {
    const id = await this.mail.queue({
      organisationId: null,
      template: 'test-message',
      locale: body.locale ?? 'nl',
      to: body.recipient,
      context: { requestedBy: 'Werkbrug' },
      dedupeKey: `test-message.${randomUUID()}`,
    });
    return MailMessageDto.from(await this.messages.findOneByOrFail({ id }));
  }

  @Get('messages/:messageId')
  @ApiOperation({ operationId: 'getMailMessage', summary: 'Delivery status of one queued e-mail' })
  @ApiOkResponse({ type: MailMessageDto })
  async getMessage(@Param('messageId', uuidParam('messageId')) messageId: string): Promise<MailMessageDto> {
    const message = await this.messages.findOneBy({ id: messageId });
    if (!message) throw new NotFoundProblem('mail message');
    return MailMessageDto.from(message);
  }
}
