import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, ZodValidationPipe } from '@app/platform';
import { GetWebhookUseCase } from './get-webhook.use-case';
import { ListWebhookDeliveriesUseCase } from './list-webhook-deliveries.use-case';
import { deliveryPageSchema } from './notice.record';
import { RemoveWebhookUseCase } from './remove-webhook.use-case';
import { SetWebhookUseCase } from './set-webhook.use-case';
import { webhookViewSchema, type WebhookView } from './webhook.view';
import {
  listDeliveriesQuery,
  setWebhookBody,
  type ListDeliveriesQuery,
  type SetWebhookBody,
} from './webhook.schemas';

/** The caller's own enterprise's webhook: there is no id to choose, so no other one to reach. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('enterprise')
@Controller('v1/enterprises/me/webhook')
export class WebhookController {
  constructor(
    private readonly setWebhook: SetWebhookUseCase,
    private readonly getWebhook: GetWebhookUseCase,
    private readonly removeWebhook: RemoveWebhookUseCase,
    private readonly listDeliveries: ListWebhookDeliveriesUseCase,
  ) {}

  @Contract({
    summary: "Set the enterprise's webhook (its URL and signing secret)",
    description:
      'Each status change of its passes is POSTed there, signed with HMAC-SHA256 of the secret (docs/pass-service.md).',
    body: setWebhookBody,
    responses: { 200: webhookViewSchema },
    errors: { 400: ['WEBHOOK_URL_FORBIDDEN', 'WEBHOOK_URL_UNRESOLVABLE'] },
  })
  @Put()
  set(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(setWebhookBody)) body: SetWebhookBody,
  ): Promise<WebhookView> {
    return this.setWebhook.execute(user, body);
  }

  @Contract({
    summary: "Read the enterprise's webhook",
    responses: { 200: webhookViewSchema },
    errors: { 404: ['WEBHOOK_NOT_FOUND'] },
  })
  @Get()
  get(@CurrentUser() user: AuthenticatedUser): Promise<WebhookView> {
    return this.getWebhook.execute(user);
  }

  @Contract({
    summary: "Remove the enterprise's webhook",
    responses: { 204: null },
    errors: { 404: ['WEBHOOK_NOT_FOUND'] },
  })
  @Delete()
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.removeWebhook.execute(user);
  }

  @Contract({
    summary: 'The webhook deliveries of the last 30 days, newest first',
    query: listDeliveriesQuery,
    responses: { 200: deliveryPageSchema },
  })
  @Get('deliveries')
  deliveries(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listDeliveriesQuery)) query: ListDeliveriesQuery,
  ) {
    return this.listDeliveries.execute(user, query);
  }
}
