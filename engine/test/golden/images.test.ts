// Golden images: images features. Run `pnpm golden:update` to write goldens, then look at each.
import { imageCases } from './cases/images';
import { goldenSuite } from './suite';

goldenSuite('golden: images', imageCases);
