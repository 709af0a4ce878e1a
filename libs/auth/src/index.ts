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
export { Public, Roles, CurrentUser } from './decorators';
export { AccessTokenGuard } from './access-token.guard';
export { AuthModule } from './auth.module';
