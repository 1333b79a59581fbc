import { applyDecorators, type INestApplication } from '@nestjs/common';
import { ApiBody, ApiQuery, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

/** Documents a body with the JSON Schema of the same zod schema that validates it. */
export function ApiBodyFrom(schema: z.ZodType) {
  return ApiBody({ schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object });
}

/** Documents each field of a zod object used as the query string. */
export function ApiQueryFrom(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, object> };
  return applyDecorators(...Object.entries(json.properties ?? {}).map(([name, s]) => ApiQuery({ name, required: false, schema: s })));
}

export function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tỉnh Táo API')
      .setDescription(
        'Online safety and media literacy programs for a provincial Department of Education. ' +
          'Errors are RFC 9457 problem details (application/problem+json) with a stable `code`. ' +
          'Access tokens go in the Authorization header only.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
