import { Module } from '@nestjs/common';
import { AccessTokenIssuer } from './access-token.issuer';
import { AttemptCounters } from './attempt-counters';
import { BootstrapAdmin } from './bootstrap-admin';
import { ChangePasswordUseCase } from './change-password.use-case';
import { ChangeScopeUseCase } from './change-scope.use-case';
import { CreateUserUseCase } from './create-user.use-case';
import { DisableUserUseCase } from './disable-user.use-case';
import { EnableUserUseCase } from './enable-user.use-case';
import { IdentityController } from './identity.controller';
import { ListUsersUseCase } from './list-users.use-case';
import { LogOutUseCase } from './log-out.use-case';
import { LoginRateLimiter } from './login-rate-limiter';
import { LoginUseCase } from './login.use-case';
import { PasswordHasher } from './password-hasher';
import { RefreshSessionUseCase } from './refresh-session.use-case';
import { RefreshTokens } from './refresh-tokens';
import { ResetPasswordUseCase } from './reset-password.use-case';
import { SessionIssuer } from './session-issuer';
import { UserAccessChanger } from './user-access-changer';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';

@Module({
  controllers: [IdentityController, UsersController],
  providers: [
    PasswordHasher,
    UsersRepository,
    AccessTokenIssuer,
    AttemptCounters,
    LoginRateLimiter,
    RefreshTokens,
    SessionIssuer,
    LoginUseCase,
    RefreshSessionUseCase,
    LogOutUseCase,
    ChangePasswordUseCase,
    ListUsersUseCase,
    CreateUserUseCase,
    UserAccessChanger,
    DisableUserUseCase,
    EnableUserUseCase,
    ResetPasswordUseCase,
    ChangeScopeUseCase,
    BootstrapAdmin,
  ],
  exports: [PasswordHasher, UsersRepository, AttemptCounters],
})
export class IdentityModule {}
