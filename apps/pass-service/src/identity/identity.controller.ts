import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
import type { IssuedAccessToken } from './access-token.issuer';
import { CreateUserUseCase, type UserView } from './create-user.use-case';
import { createUserBody, loginBody, type CreateUserBody, type LoginBody } from './identity.schemas';
import { LoginUseCase } from './login.use-case';

@ApiTags('identity')
@Controller('v1')
export class IdentityController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly createUser: CreateUserUseCase,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  logIn(
    @Body(new ZodValidationPipe(loginBody)) body: LoginBody,
    @Ip() ip: string,
  ): Promise<IssuedAccessToken> {
    return this.login.execute(body, ip);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('users')
  create(@Body(new ZodValidationPipe(createUserBody)) body: CreateUserBody): Promise<UserView> {
    return this.createUser.execute(body);
  }
}
