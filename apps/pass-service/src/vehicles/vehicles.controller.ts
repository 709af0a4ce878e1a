import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@app/auth';
import { Contract, ZodValidationPipe } from '@app/platform';
import type { FastifyReply } from 'fastify';
import { ListVehiclesUseCase } from './list-vehicles.use-case';
import { RegisterVehicleUseCase } from './register-vehicle.use-case';
import {
  toVehicleView,
  vehiclePageSchema,
  vehicleViewSchema,
  type VehicleView,
} from './vehicle.record';
import {
  listVehiclesQuery,
  registerVehicleBody,
  type ListVehiclesQuery,
  type RegisterVehicleBody,
} from './vehicle.schemas';

@ApiTags('vehicles')
@ApiBearerAuth()
@Controller('v1/vehicles')
export class VehiclesController {
  constructor(
    private readonly registerVehicle: RegisterVehicleUseCase,
    private readonly listVehicles: ListVehiclesUseCase,
  ) {}

  @Contract({
    summary: 'Register a vehicle (and its plate) to the enterprise',
    description:
      '201 for a new vehicle; 200 when the enterprise already held the plate and its details were replaced.',
    body: registerVehicleBody,
    responses: { 201: vehicleViewSchema, 200: vehicleViewSchema },
    errors: { 409: ['PLATE_HELD_BY_OTHER'] },
  })
  /** 201 for a new vehicle; 200 when the enterprise already held the plate and its details were replaced. */
  @Roles('enterprise')
  @Post()
  async register(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(registerVehicleBody)) body: RegisterVehicleBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VehicleView> {
    const { vehicle, created } = await this.registerVehicle.execute(user, body);
    void reply.status(created ? 201 : 200);
    return toVehicleView(vehicle);
  }

  @Contract({
    summary: 'List vehicles (an enterprise its own)',
    query: listVehiclesQuery,
    responses: { 200: vehiclePageSchema },
  })
  @Roles('enterprise', 'official', 'admin')
  @Get()
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listVehiclesQuery)) query: ListVehiclesQuery,
  ): Promise<{ items: VehicleView[]; nextCursor: string | null }> {
    const page = await this.listVehicles.execute(user, query);
    return { items: page.items.map(toVehicleView), nextCursor: page.nextCursor };
  }
}
