import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { findDivision, listCities, listCounties, listProvinces, type Division } from '@app/domain';
import { AppError, Contract, ZodValidationPipe } from '@app/platform';
import { z } from 'zod';

const divisionsQuery = z.strictObject({
  parent: z
    .string()
    .regex(/^\d{6}$/, 'a six-digit GB/T 2260 code')
    .optional(),
});

const divisionsSchema = z.strictObject({
  divisions: z.array(
    z.strictObject({
      code: z.string().describe('GB/T 2260'),
      name: z.string(),
      level: z.enum(['province', 'city', 'county']),
    }),
  ),
});

export type DivisionView = z.infer<typeof divisionsSchema>['divisions'][number];

/**
 * The division pickers' data (province → city → county), from the same data package that
 * validates applications, so a form can never offer a code the API refuses.
 */
@ApiTags('divisions')
@Controller('v1/divisions')
export class DivisionsController {
  @Contract({
    summary: 'Administrative divisions: provinces, or the cities or counties of `parent`',
    query: divisionsQuery,
    responses: { 200: divisionsSchema },
    errors: { 404: ['DIVISION_UNKNOWN'] },
  })
  @Public()
  @Get()
  @Header('cache-control', 'public, max-age=86400')
  list(@Query(new ZodValidationPipe(divisionsQuery)) query: z.infer<typeof divisionsQuery>): {
    divisions: DivisionView[];
  } {
    if (!query.parent) return { divisions: listProvinces().map(toView) };
    const parent = findDivision(query.parent);
    if (!parent || parent.level === 'county') {
      throw AppError.notFound(
        'DIVISION_UNKNOWN',
        'parent is not a province or city of the GB/T 2260 data package.',
      );
    }
    const children =
      parent.level === 'province' ? listCities(parent.gbCode) : listCounties(parent.gbCode);
    return { divisions: children.map(toView) };
  }
}

function toView(division: Division): DivisionView {
  return { code: division.gbCode, name: division.name, level: division.level };
}
