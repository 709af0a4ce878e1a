import { Module } from '@nestjs/common';
import { AccessTokenIssuer } from './access-token.issuer';
import { AttemptCounters } from './attempt-counters';
import { BootstrapAdmin } from './bootstrap-admin';
import { CreateUserUseCase } from './create-user.use-case';
import { IdentityController } from './identity.controller';
import { LoginRateLimiter } from './login-rate-limiter';
import { LoginUseCase } from './login.use-case';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

@Module({
  controllers: [IdentityController],
  providers: [
    PasswordHasher,
    UsersRepository,
    AccessTokenIssuer,
    AttemptCounters,
    LoginRateLimiter,
    LoginUseCase,
    CreateUserUseCase,
    BootstrapAdmin,
  ],
  exports: [PasswordHasher, UsersRepository, AttemptCounters],
})
export class IdentityModule {}
