import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
import { WebhookSettingsUseCase, type WebhookView } from './webhook-settings.use-case';
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
  constructor(private readonly settings: WebhookSettingsUseCase) {}

  @Put()
  set(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(setWebhookBody)) body: SetWebhookBody,
  ): Promise<WebhookView> {
    return this.settings.set(user, body);
  }

  @Get()
  get(@CurrentUser() user: AuthenticatedUser): Promise<WebhookView> {
    return this.settings.get(user);
  }

  @Delete()
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.settings.remove(user);
  }

  @Get('deliveries')
  deliveries(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listDeliveriesQuery)) query: ListDeliveriesQuery,
  ) {
    return this.settings.deliveries(user, query);
  }
}
