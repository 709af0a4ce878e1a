import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, ZodValidationPipe } from '@app/platform';
import { ChangeScopeUseCase } from './change-scope.use-case';
import { CreateUserUseCase } from './create-user.use-case';
import { DisableUserUseCase } from './disable-user.use-case';
import { EnableUserUseCase } from './enable-user.use-case';
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
import { userPageSchema, userViewSchema, type UserView } from './user.view';

/** User administration: the admin's alone. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/users')
export class UsersController {
  constructor(
    private readonly listUsers: ListUsersUseCase,
    private readonly createUser: CreateUserUseCase,
    private readonly disableUser: DisableUserUseCase,
    private readonly enableUser: EnableUserUseCase,
    private readonly resetPassword: ResetPasswordUseCase,
    private readonly changeScope: ChangeScopeUseCase,
  ) {}

  @Contract({
    summary: 'List accounts, in username order',
    query: listUsersQuery,
    responses: { 200: userPageSchema },
  })
  @Get()
  list(@Query(new ZodValidationPipe(listUsersQuery)) query: ListUsersQuery): Promise<UserPage> {
    return this.listUsers.execute(query);
  }

  @Contract({
    summary: 'Create an official, checkpoint officer or admin account',
    body: createUserBody,
    responses: { 201: userViewSchema },
    errors: {
      400: ['ROLE_INVALID', 'CHECKPOINT_CODE_INVALID', 'DIVISION_SCOPE_INVALID'],
      409: ['USERNAME_TAKEN'],
    },
  })
  @Post()
  create(
    @CurrentUser() admin: AuthenticatedUser,
    @Body(new ZodValidationPipe(createUserBody)) body: CreateUserBody,
  ): Promise<UserView> {
    return this.createUser.execute(admin, body);
  }

  @Contract({
    summary: 'Disable an account: its sessions end and every service refuses it within seconds',
    body: disableUserBody,
    responses: { 200: userViewSchema },
    errors: { 404: ['USER_NOT_FOUND'], 409: ['CANNOT_DISABLE_SELF', 'USER_STATE_CONFLICT'] },
  })
  @Post(':id/disable')
  @HttpCode(200)
  disable(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UserIdPipe) id: string,
    @Body(new ZodValidationPipe(disableUserBody)) body: DisableUserBody,
  ): Promise<UserView> {
    return this.disableUser.execute(admin, id, body.reason);
  }

  @Contract({
    summary: 'Enable a disabled account again',
    body: enableUserBody,
    responses: { 200: userViewSchema },
    errors: { 404: ['USER_NOT_FOUND'], 409: ['USER_STATE_CONFLICT'] },
  })
  @Post(':id/enable')
  @HttpCode(200)
  enable(
    @CurrentUser() admin: AuthenticatedUser,
    @Param('id', UserIdPipe) id: string,
    @Body(new ZodValidationPipe(enableUserBody)) body: EnableUserBody,
  ): Promise<UserView> {
    return this.enableUser.execute(admin, id, body.reason);
  }

  @Contract({
    summary: 'Set a new password for an account (ends its sessions)',
    body: resetPasswordBody,
    responses: { 204: null },
    errors: { 404: ['USER_NOT_FOUND'] },
  })
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

  @Contract({
    summary: "Change an official's jurisdiction",
    description: "Applies from the official's next refresh (at most the access token's lifetime).",
    body: changeScopeBody,
    responses: { 200: userViewSchema },
    errors: { 404: ['USER_NOT_FOUND'] },
  })
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
