import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import type { Actor } from '../platform/auth/actor.js';
import { CurrentActor } from '../platform/auth/current-actor.decorator.js';
import { Policy, Public, STAFF } from '../platform/auth/policy.decorator.js';
import { RateLimit } from '../platform/http/rate-limit/rate-limit.decorator.js';
import { AftercareService } from './aftercare.service.js';
import {
  AftercareStatusDto,
  CheckinAppointmentDto,
  CheckinDto,
  ClosureDto,
  ContactDto,
  ContactReportQueryDto,
  ContactReportRowDto,
  MissedCheckinDto,
  CheckinPreparationDto,
  PreparationDto,
  ReassignmentDto,
  RecordCheckinDto,
  RenewalDto,
  RhythmChangeDto,
} from './dto/checkin.dto.js';
import {
  AttendanceDto,
  ConfirmationTokenDto,
  HandoverChecklistDto,
  HandoverDto,
  RescheduleHandoverDto,
  ScheduleHandoverDto,
} from './dto/handover.dto.js';
import { HandoverFolderService } from './handover-folder.service.js';
import { HandoverService } from './handover.service.js';

const PLACEMENT = { kind: 'placement', param: 'placementId' } as const;
const HANDOVER = { kind: 'handover_meeting', param: 'handoverId' } as const;
const CHECKIN = { kind: 'checkin', param: 'checkinId' } as const;

export class FolderQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'html', 'pdf'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'html', 'pdf'])
  format?: 'json' | 'html' | 'pdf';
}

export class CreatedIdDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
}

@ApiTags('aftercare')
@Controller()
export class AftercareController {
  constructor(
    private readonly handovers: HandoverService,
    private readonly folders: HandoverFolderService,
    private readonly aftercare: AftercareService,
  ) {}

  @Post('placements/:placementId/handover')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'scheduleHandover', summary: 'Schedule the handover meeting; everyone gets a calendar invitation' })
  @ApiCreatedResponse({ type: HandoverDto })
  schedule(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: ScheduleHandoverDto,
  ): Promise<HandoverDto> {
    return this.handovers.schedule(actor, placementId, body);
  }

  @Get('placements/:placementId/handover')
  @Policy({ roles: [...STAFF, 'participant', 'employer_user'], resource: PLACEMENT })
  @ApiOperation({ operationId: 'getPlacementHandover', summary: 'The handover meeting of a placement' })
  @ApiOkResponse({ type: HandoverDto })
  forPlacement(@Param('placementId') placementId: string): Promise<HandoverDto> {
    return this.handovers.forPlacement(placementId);
  }

  @Get('handovers/:handoverId')
  @Policy({ roles: [...STAFF, 'participant', 'employer_user'], resource: HANDOVER })
  @ApiOperation({ operationId: 'getHandover', summary: 'One handover meeting with its checklist' })
  @ApiOkResponse({ type: HandoverDto })
  get(@Param('handoverId') handoverId: string): Promise<HandoverDto> {
    return this.handovers.get(handoverId);
  }

  @Patch('handovers/:handoverId')
  @Policy({ roles: STAFF, resource: HANDOVER })
  @ApiOperation({ operationId: 'rescheduleHandover', summary: 'Move the meeting; sends an update of the same calendar event' })
  @ApiOkResponse({ type: HandoverDto })
  reschedule(
    @CurrentActor() actor: Actor,
    @Param('handoverId') handoverId: string,
    @Body() body: RescheduleHandoverDto,
  ): Promise<HandoverDto> {
    return this.handovers.reschedule(actor, handoverId, body);
  }

  @Post('handovers/:handoverId/cancellation')
  @HttpCode(200)
  @Policy({ roles: STAFF, resource: HANDOVER })
  @ApiOperation({ operationId: 'cancelHandover', summary: 'Cancel the meeting; sends a calendar cancellation' })
  @ApiOkResponse({ type: HandoverDto })
  cancel(@CurrentActor() actor: Actor, @Param('handoverId') handoverId: string): Promise<HandoverDto> {
    return this.handovers.cancel(actor, handoverId);
  }

  @Put('handovers/:handoverId/checklist')
  @Policy({ roles: STAFF, resource: HANDOVER })
  @ApiOperation({
    operationId: 'saveHandoverChecklist',
    summary: 'Fill in the checklist: every agreement and expectation, or not applicable, and the monitoring plan',
  })
  @ApiOkResponse({ type: HandoverDto })
  checklist(
    @CurrentActor() actor: Actor,
    @Param('handoverId') handoverId: string,
    @Body() body: HandoverChecklistDto,
  ): Promise<HandoverDto> {
    return this.handovers.saveChecklist(actor, handoverId, body);
  }

  @Put('handovers/:handoverId/attendance')
  @Policy({ roles: STAFF, resource: HANDOVER })
  @ApiOperation({ operationId: 'recordHandoverAttendance', summary: 'Record who was present' })
  @ApiOkResponse({ type: HandoverDto })
  attendance(@CurrentActor() actor: Actor, @Param('handoverId') handoverId: string, @Body() body: AttendanceDto): Promise<HandoverDto> {
    return this.handovers.recordAttendance(actor, handoverId, body);
  }

  @Post('handovers/:handoverId/confirmations')
  @HttpCode(200)
  @Policy({ roles: ['participant', 'employer_user'], resource: HANDOVER })
  @ApiOperation({ operationId: 'confirmHandover', summary: 'The participant or the employer confirms the checklist' })
  @ApiOkResponse({ type: HandoverDto })
  confirm(@CurrentActor() actor: Actor, @Param('handoverId') handoverId: string): Promise<HandoverDto> {
    return this.handovers.confirm(actor, handoverId);
  }

  @Post('handover-confirmations')
  @HttpCode(200)
  @Public()
  @RateLimit({ name: 'link-redemption', points: 20, durationSeconds: 15 * 60 })
  @ApiOperation({
    operationId: 'confirmHandoverByLink',
    summary: "The employer's contact person confirms the checklist with the link from the mail",
  })
  @ApiOkResponse({ type: HandoverDto })
  confirmByLink(@Body() body: ConfirmationTokenDto): Promise<HandoverDto> {
    return this.handovers.confirmByLink(body.token);
  }

  @Get('handovers/:handoverId/folder')
  @Policy({ roles: [...STAFF, 'employer_user'], resource: HANDOVER })
  @ApiOperation({
    operationId: 'getHandoverFolder',
    summary: "The employer's folder: checklist, working with the target group, the rules in plain language, the contact person",
  })
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  @ApiOkResponse({
    description: 'The folder as JSON, HTML or PDF.',
    content: {
      'application/json': { schema: { type: 'object', additionalProperties: true } },
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async folder(
    @CurrentActor() actor: Actor,
    @Param('handoverId') handoverId: string,
    @Query() query: FolderQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const folder = await this.folders.read(actor, handoverId, query.format ?? 'json');
    response.setHeader('Cache-Control', 'no-store');
    if (query.format === 'html') response.type('html').send(this.folders.html(folder));
    else if (query.format === 'pdf')
      response
        .type('application/pdf')
        .setHeader('Content-Disposition', 'inline; filename="werkgeversmap.pdf"')
        .send(await this.folders.pdf(folder));
    else response.json(folder);
  }

  @Get('placements/:placementId/checkins')
  @Policy({ roles: [...STAFF, 'participant'], resource: PLACEMENT })
  @ApiOperation({ operationId: 'listCheckins', summary: 'The check-ins of a placement' })
  @ApiOkResponse({ type: [CheckinDto] })
  checkins(@CurrentActor() actor: Actor, @Param('placementId') placementId: string): Promise<CheckinDto[]> {
    return this.aftercare.list(actor, placementId);
  }

  @Post('checkins/:checkinId/record')
  @Policy({ roles: STAFF, resource: CHECKIN })
  @ApiOperation({
    operationId: 'recordCheckin',
    summary: 'Record a check-in: knowing, able, doing, belonging; life domains, signals, agreements, actions',
  })
  @ApiCreatedResponse({ type: CheckinDto })
  record(@CurrentActor() actor: Actor, @Param('checkinId') checkinId: string, @Body() body: RecordCheckinDto): Promise<CheckinDto> {
    return this.aftercare.record(actor, checkinId, body);
  }

  @Post('checkins/:checkinId/missed')
  @Policy({ roles: STAFF, resource: CHECKIN })
  @ApiOperation({ operationId: 'markCheckinMissed', summary: 'Record that a check-in did not take place, and what happened' })
  @ApiCreatedResponse({ type: CheckinDto })
  missed(@CurrentActor() actor: Actor, @Param('checkinId') checkinId: string, @Body() body: MissedCheckinDto): Promise<CheckinDto> {
    return this.aftercare.markMissed(actor, checkinId, body);
  }

  @Put('checkins/:checkinId/appointment')
  @Policy({ roles: STAFF, resource: CHECKIN })
  @ApiOperation({
    operationId: 'planCheckinAppointment',
    summary: 'Agree the time and place of a planned check-in (the participant sees it)',
  })
  @ApiOkResponse({ type: CheckinDto })
  appointment(
    @CurrentActor() actor: Actor,
    @Param('checkinId') checkinId: string,
    @Body() body: CheckinAppointmentDto,
  ): Promise<CheckinDto> {
    return this.aftercare.planAppointment(actor, checkinId, body);
  }

  @Put('checkins/:checkinId/preparation')
  @Policy({ roles: ['participant'], resource: CHECKIN })
  @ApiOperation({ operationId: 'prepareCheckin', summary: 'Prepare for a check-in (never required; it has no effect on any benefit)' })
  @ApiOkResponse({ type: CheckinDto })
  prepare(@CurrentActor() actor: Actor, @Param('checkinId') checkinId: string, @Body() body: PreparationDto): Promise<CheckinDto> {
    return this.aftercare.prepare(actor, checkinId, body);
  }

  @Get('checkins/:checkinId/preparation')
  @Policy({ roles: [...STAFF, 'participant'], resource: CHECKIN })
  @ApiOperation({ operationId: 'getCheckinPreparation', summary: 'What the participant prepared for the check-in' })
  @ApiOkResponse({ type: CheckinPreparationDto })
  preparation(@Param('checkinId') checkinId: string): Promise<object> {
    return this.aftercare.preparation(checkinId);
  }

  @Post('placements/:placementId/rhythm-changes')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'changeCheckinRhythm',
    summary: 'Change the check-in rhythm at the request of participant, coach or employer; re-plans future check-ins',
  })
  @ApiCreatedResponse({ type: AftercareStatusDto })
  rhythm(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: RhythmChangeDto,
  ): Promise<AftercareStatusDto> {
    return this.aftercare.changeRhythm(actor, placementId, body);
  }

  @Post('placements/:placementId/aftercare-renewals')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'renewAftercare', summary: 'Extend the aftercare with a reason' })
  @ApiCreatedResponse({ type: AftercareStatusDto })
  renew(@CurrentActor() actor: Actor, @Param('placementId') placementId: string, @Body() body: RenewalDto): Promise<AftercareStatusDto> {
    return this.aftercare.renew(actor, placementId, body);
  }

  @Post('placements/:placementId/coach-reassignments')
  @Policy({ roles: ['team_lead', 'admin', 'jobcoach'], resource: PLACEMENT })
  @ApiOperation({ operationId: 'reassignCoach', summary: 'Hand the aftercare to another coach, with a reason (holiday, leaving)' })
  @ApiCreatedResponse({ type: AftercareStatusDto })
  reassign(
    @CurrentActor() actor: Actor,
    @Param('placementId') placementId: string,
    @Body() body: ReassignmentDto,
  ): Promise<AftercareStatusDto> {
    return this.aftercare.reassign(actor, placementId, body);
  }

  @Post('placements/:placementId/contacts')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'logContact', summary: 'Log a contact with the participant, the employer or a care provider' })
  @ApiCreatedResponse({ type: CreatedIdDto })
  contact(@CurrentActor() actor: Actor, @Param('placementId') placementId: string, @Body() body: ContactDto): Promise<CreatedIdDto> {
    return this.aftercare.logContact(actor, placementId, body);
  }

  @Post('placements/:placementId/closure')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({
    operationId: 'closePlacement',
    summary: 'Close the aftercare: agreed end, opt-out, or drop-out with a reason code (creates a re-intake task)',
  })
  @ApiCreatedResponse({ type: AftercareStatusDto })
  close(@CurrentActor() actor: Actor, @Param('placementId') placementId: string, @Body() body: ClosureDto): Promise<AftercareStatusDto> {
    return this.aftercare.close(actor, placementId, body);
  }

  @Get('placements/:placementId/aftercare')
  @Policy({ roles: STAFF, resource: PLACEMENT })
  @ApiOperation({ operationId: 'getAftercareStatus', summary: 'Aftercare status: rhythm, end, risk flag, durable placement' })
  @ApiOkResponse({ type: AftercareStatusDto })
  status(@Param('placementId') placementId: string): Promise<AftercareStatusDto> {
    return this.aftercare.status(placementId);
  }

  @Get('reports/contacts')
  @Policy({ roles: ['admin', 'team_lead'] })
  @ApiOperation({ operationId: 'reportContacts', summary: 'Contacts per coach per month' })
  @ApiOkResponse({ type: [ContactReportRowDto] })
  contactReport(@CurrentActor() actor: Actor, @Query() query: ContactReportQueryDto): Promise<ContactReportRowDto[]> {
    return this.aftercare.contactReport(actor, query.from, query.to);
  }
}
