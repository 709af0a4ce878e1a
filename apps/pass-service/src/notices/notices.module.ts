import {
  Global,
  Module,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { AccessTokenFromQueryMiddleware } from '@app/auth';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { GetWebhookUseCase } from './get-webhook.use-case';
import { ListWebhookDeliveriesUseCase } from './list-webhook-deliveries.use-case';
import { NoticeStreams } from './notice-streams';
import { NoticesController } from './notices.controller';
import { NoticesRepository } from './notices.repository';
import { PassNoticesConsumer } from './pass-notices.consumer';
import { PassRejections } from './pass-rejections';
import { RemoveWebhookUseCase } from './remove-webhook.use-case';
import { SetWebhookUseCase } from './set-webhook.use-case';
import { WebhookController } from './webhook.controller';
import { WebhookDispatcher } from './webhook-dispatcher';

/**
 * Status notices of an enterprise's passes: the live stream, webhooks and their deliveries, fed
 * by pass-service's own consumer of epass.pass.v1. Global only for PassRejections, which every
 * path that refuses an application uses.
 */
@Global()
@Module({
  imports: [EnterprisesModule],
  controllers: [PassNoticesConsumer, NoticesController, WebhookController],
  providers: [
    NoticesRepository,
    NoticeStreams,
    PassRejections,
    WebhookDispatcher,
    SetWebhookUseCase,
    GetWebhookUseCase,
    RemoveWebhookUseCase,
    ListWebhookDeliveriesUseCase,
  ],
  exports: [PassRejections],
})
export class NoticesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(AccessTokenFromQueryMiddleware)
      .forRoutes({ path: 'v1/passes/notices/stream', method: RequestMethod.GET });
  }
}
