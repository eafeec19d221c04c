// Compiled by `pnpm typecheck`, never run: the client's generics against what
// `layercast types` emits for card.json (card.d.ts beside this file; the CLI's test checks
// it is what the generator writes today). Each `@ts-expect-error` must meet an error, and
// each unmarked call must compile, so the file fails both when the generics are removed and
// when they stop rejecting a misspelt layer name or a wrong property type.
import { createClient, renderUrl, signedRenderUrl } from '../../src/index';
import type Card from './card';

const client = createClient({ baseUrl: 'https://img.example.com', apiKey: 'lc_live_x' });
const templateId = '00000000-0000-4000-8000-000000000000';

export async function typedCalls() {
  await client.generate<Card>({ templateId, layers: { title: { text: 'x' }, badge: { fill: '#000' } } });
  await client.generate<Card>({ templateId, variables: { author: 'Ann' }, format: 'webp' });
  // @ts-expect-error a misspelt layer name
  await client.generate<Card>({ templateId, layers: { titel: { text: 'x' } } });
  // @ts-expect-error a property of the wrong type
  await client.generate<Card>({ templateId, layers: { title: { text: 5 } } });
  // @ts-expect-error a property the layer's kind does not have (an image property on text)
  await client.generate<Card>({ templateId, layers: { title: { image_url: 'https://example.com/a.png' } } });
  // @ts-expect-error a variable the template does not declare
  await client.generate<Card>({ templateId, variables: { autor: 'Ann' } });

  await client.batch<Card>([{ templateId, layers: { logo: { image_url: 'https://example.com/a.png' } } }]);
  // @ts-expect-error a misspelt layer name in a batch item
  await client.batch<Card>([{ templateId, layers: { lgo: { image_url: 'https://example.com/a.png' } } }]);

  client.renderUrl<Card>({ templateId, layers: { title: { text: 'x' } } });
  // @ts-expect-error a misspelt layer name in a render URL
  client.renderUrl<Card>({ templateId, layers: { titel: { text: 'x' } } });
  renderUrl<Card>({ baseUrl: 'https://img.example.com', templateId, layers: { title: { fontSize: 40 } } });
  // @ts-expect-error a wrong property type in a render URL
  renderUrl<Card>({ baseUrl: 'https://img.example.com', templateId, layers: { title: { fontSize: '40' } } });

  const signing = { keyId: 'k', signingSecret: 's', expiresAt: null };
  await client.signedRenderUrl<Card>({ templateId, ...signing, layers: { badge: { fill: '#fff' } } });
  // @ts-expect-error a misspelt layer name in a signed URL
  await client.signedRenderUrl<Card>({ templateId, ...signing, layers: { bdge: { fill: '#fff' } } });
  await signedRenderUrl<Card>({ baseUrl: 'https://img.example.com', templateId, ...signing, layers: {} });
  // @ts-expect-error a misspelt layer name in a signed URL
  await signedRenderUrl<Card>({ baseUrl: 'https://x', templateId, ...signing, layers: { titel: {} } });
}

/** Without a type argument, any layer name goes, as before. */
export async function untypedCalls() {
  await client.generate({ templateId, layers: { anything: { text: 'x', whatever: 1 } } });
  await client.batch([{ templateId, layers: { anything: { text: 'x' } } }]);
  client.renderUrl({ templateId, layers: { anything: { text: 'x' } } });
  renderUrl({ baseUrl: 'https://img.example.com', templateId, layers: { anything: { text: 'x' } } });
}
