// Golden images: image crop, masks and filters. Run `pnpm golden:update` to write goldens, then look at each.
import { imageCropFilterCases } from './cases/image-crop-filters';
import { goldenSuite } from './suite';

goldenSuite('golden: image crop, masks and filters', imageCropFilterCases);
