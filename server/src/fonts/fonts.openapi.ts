// OpenAPI paths of /api/fonts.
import { FontListResponseSchema, FontUploadResponseSchema } from '@layercast/shared';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, json, keyOrSession } from '../openapi/common';

const fontIdParam = z.object({ id: z.string().meta({ description: 'The font id from the upload or the list.' }) });
const fontFileParam = z.object({ file: z.string().meta({ description: '`<id>.<format>` as in the font `url`.' }) });

export const fontPaths: ZodOpenApiPathsObject = {
  '/api/fonts': {
    get: {
      tags: ['Fonts'],
      summary: 'Font families the renderer uses, with their files, and the account’s own fonts',
      description: 'Without authentication `custom` is empty; with a key or a session it lists the account’s uploads.',
      security: [{}, ...keyOrSession],
      responses: {
        '200': json(FontListResponseSchema),
      },
    },
    post: {
      tags: ['Fonts'],
      summary: 'Upload a font for the account’s templates',
      description:
        'The body is one font file (TrueType, OpenType, WOFF or WOFF2; at most 10 MB), read with a font parser before it is stored. ' +
        'Query: `family` (what text layers name in `fontFamily`; the file’s family name when omitted), `weight` (1–1000; the file’s OS/2 weight when omitted; ' +
        'another weight is written into a TTF/OTF file), `style` (`normal` or `italic`, must match the file). ' +
        'A face of the same family, weight and style is replaced. At most 50 fonts per account. Renders of every template of the account use the fonts at once.',
      security: keyOrSession,
      requestParams: {
        query: z.object({
          family: z.string().optional(),
          weight: z.string().optional(),
          style: z.enum(['normal', 'italic']).optional(),
        }),
      },
      requestBody: {
        required: true,
        content: { 'font/ttf': { schema: z.string().meta({ format: 'binary' }) } },
      },
      responses: {
        '201': json(FontUploadResponseSchema, 'Stored.'),
        ...errors(401, 403, 413, 415, 422),
      },
    },
  },
  '/api/fonts/custom/{file}': {
    get: {
      tags: ['Fonts'],
      summary: 'An uploaded font file (its owner only)',
      security: keyOrSession,
      requestParams: { path: fontFileParam },
      responses: {
        '200': {
          description: 'The font file.',
          content: { 'font/ttf': { schema: z.string().meta({ format: 'binary' }) } },
        },
        ...errors(401, 404),
      },
    },
  },
  '/api/fonts/{id}': {
    delete: {
      tags: ['Fonts'],
      summary: 'Delete an uploaded font',
      security: keyOrSession,
      requestParams: { path: fontIdParam },
      responses: {
        '200': json(z.object({ success: z.literal(true) }), 'Deleted.'),
        ...errors(401, 403, 404),
      },
    },
  },
};
