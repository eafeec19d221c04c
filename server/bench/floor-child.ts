// A render child of the process-isolation floor (floor-server.ts): renders the benchmark card
// with the title it is sent and answers with the PNG's bytes, nothing else.
import { registerFonts, renderTemplate } from '@layercast/engine/node';
import { loadTemplate } from '@layercast/shared';
import { cardTemplate, makeLogoDataUrl } from '../../engine/bench/card';

async function main(): Promise<void> {
  registerFonts();
  const doc = loadTemplate(cardTemplate(makeLogoDataUrl()));
  const render = async (title: string) => {
    const result = await renderTemplate(doc, { layers: { title: { text: title } } }, { format: 'png' });
    return new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
  };
  for (let i = 0; i < 5; i++) await render(`Warm-up ${i}`);
  process.on('message', (title: string) => {
    void render(title).then((png) => process.send?.(png));
  });
  process.send?.('ready');
}

void main();
