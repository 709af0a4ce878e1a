import { Module } from '@nestjs/common';
import { AccessTokenIssuer } from './access-token.issuer';
import { BootstrapAdmin } from './bootstrap-admin';
import { CreateUserUseCase } from './create-user.use-case';
import { IdentityController } from './identity.controller';
import { LoginUseCase } from './login.use-case';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

@Module({
  controllers: [IdentityController],
  providers: [
    PasswordHasher,
    UsersRepository,
    AccessTokenIssuer,
    LoginUseCase,
    CreateUserUseCase,
    BootstrapAdmin,
  ],
  exports: [PasswordHasher, UsersRepository],
})
export class IdentityModule {}
