// The HTTP API's shapes, as zod schemas with the types derived from them. The server
// validates requests and builds its OpenAPI document from these; the client parses every
// answer with them.
export * from './account';
export * from './auth';
export * from './brand';
export * from './errors';
export * from './jobs';
export * from './keys';
export * from './render';
export * from './templates';
