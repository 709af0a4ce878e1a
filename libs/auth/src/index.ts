export {
  ROLES,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  type Role,
  type AuthenticatedUser,
} from './roles';
export { accessTokenClaims, toClaims, toUser, type AccessTokenClaims } from './access-token-claims';
export { AccessTokenKeys } from './access-token-keys';
export { JwksAccessTokenKeys } from './jwks-access-token-keys';
export { IS_PUBLIC, REQUIRED_ROLES, Public, Roles, CurrentUser } from './decorators';
export { AccessTokenGuard } from './access-token.guard';
export { AccessTokenFromQueryMiddleware } from './access-token-from-query.middleware';
export { AuthModule, type AccessOptions } from './auth.module';
export {
  DISABLED_USERS_POLL_INTERVAL_MS,
  DisabledUsers,
  DisabledUserSource,
} from './disabled-users';
export {
  CREATE_DISABLED_USERS_TABLE,
  DisabledUsersTable,
  recordUserAccessChanges,
  type UserAccessChange,
} from './disabled-users-table';
