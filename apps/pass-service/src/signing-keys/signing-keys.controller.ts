import { Controller, Get, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@app/auth';
import type { FastifyReply } from 'fastify';
import { Contract } from '@app/platform';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { PASS_SERVICE_CONFIG, type PassServiceConfig } from '../config/pass-service.config';
import { etagOf, jwksSchema, matchesEtag, toJwks } from './jwks';
import { RotatePassKeyUseCase, type RotationResult } from './rotate-pass-key.use-case';
import { rotationResultSchema } from './signing-keys.repository';
import { SigningKeysRepository } from './signing-keys.repository';

/** Verifiers cache the key set for this long; a rotation shows up within it (new kids also trigger a refetch). */
const JWKS_CACHE_CONTROL = 'public, max-age=300';

const conditionalHeaders = z.object({
  'if-none-match': z.string().optional().describe('The ETag of a copy the client holds.'),
});

@ApiTags('signing keys')
@Controller()
export class SigningKeysController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SigningKeysRepository,
    private readonly rotatePassKey: RotatePassKeyUseCase,
    @Inject(PASS_SERVICE_CONFIG) private readonly config: PassServiceConfig,
  ) {}

  @Contract({
    summary: 'The public keys that sign pass QR codes (JWKS)',
    description:
      'Checkpoints verify offline with these. Cache for 5 minutes; If-None-Match gives 304.',
    headers: conditionalHeaders,
    responses: { 200: jwksSchema, 304: null },
  })
  @Public()
  @Get('.well-known/jwks.json')
  async passKeys(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const keys = await this.repository.publishedPassKeys(this.dataSource.manager);
    await sendJwks(reply, JSON.stringify(toJwks(keys)), ifNoneMatch);
  }

  @Contract({
    summary: 'The public keys that sign access tokens (JWKS)',
    description: 'verify- and reporting-service check access tokens with these.',
    headers: conditionalHeaders,
    responses: { 200: jwksSchema, 304: null },
  })
  @Public()
  @Get('.well-known/access-token-jwks.json')
  async accessKeys(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const keys = await this.repository.publishedAccessKeys(
      this.dataSource.manager,
      this.config.accessTokenTtlSeconds,
    );
    await sendJwks(reply, JSON.stringify(toJwks(keys)), ifNoneMatch);
  }

  @Contract({
    summary: 'Rotate the pass-signing key',
    description:
      'New passes are signed with a new key; the old one stays published for its passes.',
    responses: { 200: rotationResultSchema },
  })
  @ApiBearerAuth()
  @Roles('admin')
  @Post('v1/signing-keys/rotate')
  @HttpCode(200)
  rotate(@CurrentUser() user: AuthenticatedUser): Promise<RotationResult> {
    return this.rotatePassKey.execute(user);
  }
}

async function sendJwks(
  reply: FastifyReply,
  body: string,
  ifNoneMatch: string | undefined,
): Promise<void> {
  const etag = etagOf(body);
  void reply.header('cache-control', JWKS_CACHE_CONTROL).header('etag', etag);
  if (matchesEtag(ifNoneMatch, etag)) {
    await reply.status(304).send();
    return;
  }
  await reply.status(200).header('content-type', 'application/json; charset=utf-8').send(body);
}
