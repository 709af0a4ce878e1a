import { Body, Controller, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { Contract, RequestId, ZodValidationPipe } from '@app/platform';
import { registerEnterpriseBody, type RegisterEnterpriseBody } from './enterprise.schemas';
import {
  RegisterEnterpriseUseCase,
  registeredEnterpriseSchema,
  type RegisteredEnterpriseView,
} from './register-enterprise.use-case';

@ApiTags('enterprises')
@Controller('v1/enterprises')
export class EnterprisesController {
  constructor(private readonly registerEnterprise: RegisterEnterpriseUseCase) {}

  @Contract({
    summary: 'Register an enterprise and its first account (queued for review)',
    description:
      'The account can sign in at once; it may apply for passes once an official approves the enterprise.',
    body: registerEnterpriseBody,
    responses: { 201: registeredEnterpriseSchema },
    errors: { 409: ['ENTERPRISE_EXISTS', 'USERNAME_TAKEN'], 429: ['REGISTRATION_RATE_LIMITED'] },
  })
  @Public()
  @Post()
  register(
    @Body(new ZodValidationPipe(registerEnterpriseBody)) body: RegisterEnterpriseBody,
    @Ip() ip: string,
    @RequestId() requestId: string,
  ): Promise<RegisteredEnterpriseView> {
    return this.registerEnterprise.execute(body, ip, requestId);
  }
}
