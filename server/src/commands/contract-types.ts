// TypeScript declarations from a template's render contract (the JSON Schema that
// GET /api/templates/:id/contract serves and `renderContractJsonSchema` builds): the layer
// names and variable names as literal keys, so a misspelt name fails to compile.
// Covers the part of JSON Schema the contract uses; anything else becomes `unknown`.

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Shared names of the per-kind override interfaces, as `@layercast/shared` calls them. */
const KIND_NAMES: Record<string, string> = {
  text: 'TextOverride',
  image: 'ImageOverride',
  rect: 'ShapeOverride',
  ellipse: 'ShapeOverride',
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const comment = (text: string) => text.replace(/\*\//g, '*\\/');

/** What the schema says beyond the type: its description, then ranges, lengths, default. */
function notes(schema: Schema): string {
  const parts: string[] = [];
  const { minimum: min, maximum: max, minLength, maxLength } = schema;
  const safe = (n: unknown): n is number => typeof n === 'number' && Math.abs(n) < Number.MAX_SAFE_INTEGER;
  if (safe(min) && safe(max)) parts.push(`${min} to ${max}`);
  else if (safe(min)) parts.push(`at least ${min}`);
  else if (safe(max)) parts.push(`at most ${max}`);
  if (safe(minLength) && minLength > 0 && safe(maxLength)) parts.push(`${minLength} to ${maxLength} characters`);
  else if (safe(maxLength)) parts.push(`at most ${maxLength} characters`);
  if (schema.default !== undefined && schema.default !== '') parts.push(`default ${JSON.stringify(schema.default)}`);
  const description = typeof schema.description === 'string' ? schema.description.replace(/\.$/, '') : '';
  return description && parts.length ? `${description}: ${parts.join(', ')}` : description || parts.join(', ');
}

function doc(schema: Schema, indent: string): string {
  const text = notes(schema);
  return text ? `${indent}/** ${comment(text)} */\n` : '';
}

/** The TypeScript type of one schema, written inline. */
export function typeOf(schema: unknown, indent = ''): string {
  if (!isSchema(schema)) return 'unknown';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union)) return union.map((s) => typeOf(s, indent)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      // A tuple (an image's four corner radii) lists its items in order.
      if (Array.isArray(schema.prefixItems)) return `[${schema.prefixItems.map((s) => typeOf(s, indent)).join(', ')}]`;
      return `${parenthesize(typeOf(schema.items, indent))}[]`;
    case 'object':
      return objectType(schema, indent);
    default:
      return 'unknown';
  }
}

// An array of a union needs the parentheses; around anything else they are harmless.
const parenthesize = (type: string) => (/[|&]/.test(type) ? `(${type})` : type);

function objectType(schema: Schema, indent: string): string {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const names = Object.keys(properties);
  if (!names.length) {
    return isSchema(schema.additionalProperties)
      ? `Record<string, ${typeOf(schema.additionalProperties, indent)}>`
      : '{}';
  }
  return `{\n${members(schema, `${indent}  `)}${indent}}`;
}

/** The members of an object schema, one per line, each with its notes. */
function members(schema: Schema, indent: string, typeFor?: (name: string, property: Schema) => string): string {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(properties)
    .map(([name, property]) => {
      const p = isSchema(property) ? property : {};
      const type = typeFor?.(name, p) ?? typeOf(p, indent);
      return `${doc(p, indent)}${indent}${key(name)}${required.has(name) ? '' : '?'}: ${type};\n`;
    })
    .join('');
}

export interface TypesSource {
  /** The template's name, for the header. */
  name: string;
  /** Where the contract came from, e.g. `template 0b1… version 3` or `card.json`. */
  from: string;
}

/**
 * The declarations file: an interface per layer kind's overrides, `Layers` and `Variables`
 * with the template's names as keys, and `RenderRequest`, the body of a render.
 */
export function contractToTypeScript(contract: unknown, source: TypesSource): string {
  if (!isSchema(contract) || !isSchema(contract.properties)) throw new Error('not a render contract: no properties');
  const request = contract.properties;
  const layersSchema = isSchema(request.layers) ? request.layers : { type: 'object', properties: {} };

  // One interface per distinct override shape, named after the kind that has it.
  const interfaces = new Map<string, { name: string; schema: Schema; kinds: Set<string> }>();
  const taken = new Set(['Layers', 'Variables', 'Variant', 'RenderRequest']);
  const interfaceFor = (schema: Schema): string => {
    const { description: _description, ...shape } = schema;
    const signature = JSON.stringify(shape);
    const kind = /^(\w+) layer "/.exec(String(schema.description ?? ''))?.[1] ?? 'layer';
    const known = interfaces.get(signature);
    if (known) {
      known.kinds.add(kind);
      return known.name;
    }
    const base = KIND_NAMES[kind] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}Override`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    interfaces.set(signature, { name, schema: shape, kinds: new Set([kind]) });
    return name;
  };

  const layers = members({ ...layersSchema, required: [] }, '  ', (_name, property) => interfaceFor(property));
  const variablesSchema = isSchema(request.variables) ? request.variables : { type: 'object', properties: {} };
  const variables = members({ ...variablesSchema, required: [] }, '  ');
  const variant = isSchema(request.variant) && Array.isArray(request.variant.enum) ? request.variant : undefined;
  const body = members(contract, '  ', (name, property) => {
    if (name === 'layers') return 'Layers';
    if (name === 'variables') return 'Variables';
    if (name === 'variant' && variant) return 'Variant';
    return typeOf(property, '  ');
  });

  const out: string[] = [
    `// Generated by \`layercast types\` from the render contract of ${JSON.stringify(source.name)} (${source.from}).`,
    '// Regenerate it when the template changes rather than editing it.',
    '',
  ];
  for (const { name, schema, kinds } of interfaces.values()) {
    out.push(`/** What a render may override in ${[...kinds].join(' and ')} layers. */`);
    out.push(`export interface ${name} {\n${members(schema, '  ')}}`, '');
  }
  out.push(`/** The layers of ${comment(JSON.stringify(source.name))} by name. */`);
  out.push(`export interface Layers {\n${layers}}`, '');
  out.push(`/** The variables of ${comment(JSON.stringify(source.name))} by name. */`);
  out.push(`export interface Variables {\n${variables}}`, '');
  if (variant) {
    out.push(
      `/** The size variants of ${comment(JSON.stringify(source.name))}, and the platform names that pick one. */`,
    );
    out.push(`export type Variant = ${typeOf(variant)};`, '');
  }
  out.push(
    `/** The body of a render of ${comment(JSON.stringify(source.name))} (POST /api/generate, a batch item). */`,
  );
  out.push(`export interface RenderRequest {\n${body}}`, '');
  return out.join('\n');
}
