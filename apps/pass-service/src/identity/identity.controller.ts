import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
import { ChangePasswordUseCase } from './change-password.use-case';
import {
  changePasswordBody,
  loginBody,
  refreshBody,
  type ChangePasswordBody,
  type LoginBody,
  type RefreshBody,
} from './identity.schemas';
import { LogOutUseCase } from './log-out.use-case';
import { LoginUseCase } from './login.use-case';
import { RefreshSessionUseCase } from './refresh-session.use-case';
import type { SessionTokens } from './session-issuer';

/** Sessions: login, silent refresh, logout, and a user's own password. */
@ApiTags('identity')
@Controller('v1/auth')
export class IdentityController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly refresh: RefreshSessionUseCase,
    private readonly logout: LogOutUseCase,
    private readonly changePassword: ChangePasswordUseCase,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  logIn(
    @Body(new ZodValidationPipe(loginBody)) body: LoginBody,
    @Ip() ip: string,
  ): Promise<SessionTokens> {
    return this.login.execute(body, ip);
  }

  /** Public: the access token has usually expired by now; the refresh token is the credential. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refreshSession(
    @Body(new ZodValidationPipe(refreshBody)) body: RefreshBody,
  ): Promise<SessionTokens> {
    return this.refresh.execute(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logOut(@Body(new ZodValidationPipe(refreshBody)) body: RefreshBody): Promise<void> {
    await this.logout.execute(body.refreshToken);
  }

  @ApiBearerAuth()
  @Roles('enterprise', 'official', 'officer', 'admin')
  @Post('password')
  @HttpCode(204)
  async password(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(changePasswordBody)) body: ChangePasswordBody,
    @Ip() ip: string,
  ): Promise<void> {
    await this.changePassword.execute(user, body, ip);
  }
}
