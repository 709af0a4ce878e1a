import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { ZodValidationPipe } from '@app/platform';
import { ChangeScopeUseCase } from './change-scope.use-case';
import { ChangeUserAccessUseCase } from './change-user-access.use-case';
import { CreateUserUseCase } from './create-user.use-case';
import {
  changeScopeBody,
  createUserBody,
  disableUserBody,
  enableUserBody,
  listUsersQuery,
  resetPasswordBody,
  type ChangeScopeBody,
  type CreateUserBody,
  type DisableUserBody,
  type EnableUserBody,
  type ListUsersQuery,
  type ResetPasswordBody,
} from './identity.schemas';
import { ListUsersUseCase, type UserPage } from './list-users.use-case';
import { ResetPasswordUseCase } from './reset-password.use-case';
import { UserIdPipe } from './user-id.pipe';
import type { UserView } from './user.view';

/** User administration: the admin's alone. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly createUser: CreateUserUseCase,
    private readonly access: ChangeUserAccessUseCase,
    private readonly resetPassword: ResetPasswordUseCase,
    private readonly changeScope: ChangeScopeUseCase,
  ) {}

  @Get()
  list(@Query(new ZodValidationPipe(listUsersQuery)) query: ListUsersQuery): Promise<UserPage> {
    return this.listUsers.execute(query);
  }

  @Post()
  create(
    @CurrentUser() admin: AuthenticatedUser,
    @Body(new ZodValidationPipe(createUserBody)) body: CreateUserBody,
  ): Promise<UserView> {
    return this.createUser.execute(admin, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UserIdPipe) id: string,
    @Body(new ZodValidationPipe(disableUserBody)) body: DisableUserBody,
  ): Promise<UserView> {
    return this.access.disable(admin, id, body.reason);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UserIdPipe) id: string,
    @Body(new ZodValidationPipe(enableUserBody)) body: EnableUserBody,
  ): Promise<UserView> {
    return this.access.enable(admin, id, body.reason);
  }

  /** Ends every session of the user. */
  @Post(':id/reset-password')
  @HttpCode(204)
  async reset(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UserIdPipe) id: string,
    @Body(new ZodValidationPipe(resetPasswordBody)) body: ResetPasswordBody,
  ): Promise<void> {
    await this.resetPassword.execute(admin, id, body.password);
  }

  /** Applies from the official's next refresh (at most ACCESS_TOKEN_TTL_SECONDS later). */
  @Post(':id/scope')
  @HttpCode(200)
  scope(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UserIdPipe) id: string,
    @Body(new ZodValidationPipe(changeScopeBody)) body: ChangeScopeBody,
  ): Promise<UserView> {
    return this.changeScope.execute(admin, id, body.divisionScope);
  }
}
