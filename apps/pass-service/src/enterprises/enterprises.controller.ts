import { Body, Controller, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { RequestId, ZodValidationPipe } from '@app/platform';
import { registerEnterpriseBody, type RegisterEnterpriseBody } from './enterprise.schemas';
import {
  RegisterEnterpriseUseCase,
  type RegisteredEnterpriseView,
} from './register-enterprise.use-case';

@ApiTags('enterprises')
@Controller('v1/enterprises')
export class EnterprisesController {
  constructor(private readonly registerEnterprise: RegisterEnterpriseUseCase) {}

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
