import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, ZodValidationPipe } from '@app/platform';
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
import { sessionTokensSchema, type SessionTokens } from './session-issuer';

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

  @Contract({
    summary: 'Sign in: an access token and a refresh token for the shift',
    body: loginBody,
    responses: { 200: sessionTokensSchema },
    errors: {
      401: ['INVALID_CREDENTIALS'],
      403: ['ACCOUNT_DISABLED'],
      429: ['LOGIN_RATE_LIMITED'],
    },
  })
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
  @Contract({
    summary: 'Exchange the refresh token for new tokens (rotation)',
    description: 'A refresh token used twice ends the whole session (REFRESH_TOKEN_REUSED).',
    body: refreshBody,
    responses: { 200: sessionTokensSchema },
    errors: { 401: ['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED', 'ACCOUNT_DISABLED'] },
  })
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refreshSession(
    @Body(new ZodValidationPipe(refreshBody)) body: RefreshBody,
  ): Promise<SessionTokens> {
    return this.refresh.execute(body.refreshToken);
  }

  @Public()
  @Contract({
    summary: 'Sign out: the session of this refresh token ends',
    body: refreshBody,
    responses: { 204: null },
  })
  @Post('logout')
  @HttpCode(204)
  async logOut(@Body(new ZodValidationPipe(refreshBody)) body: RefreshBody): Promise<void> {
    await this.logout.execute(body.refreshToken);
  }

  @ApiBearerAuth()
  @Contract({
    summary: 'Change one’s own password (ends one’s other sessions)',
    body: changePasswordBody,
    responses: { 204: null },
    errors: { 400: ['CURRENT_PASSWORD_WRONG', 'PASSWORD_UNCHANGED'], 403: ['ACCOUNT_DISABLED'] },
  })
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
