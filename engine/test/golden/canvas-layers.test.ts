// Golden images: canvas and layer features. Run `pnpm golden:update` to write goldens, then look at each.
import { canvasLayerCases } from './cases/canvas-layers';
import { goldenSuite } from './suite';

goldenSuite('golden: canvas and layer', canvasLayerCases);
