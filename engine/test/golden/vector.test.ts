// Golden images: lines, polygons, stars, QR codes. Run `pnpm golden:update` to write goldens, then look at each.
import { vectorCases } from './cases/vector';
import { goldenSuite } from './suite';

goldenSuite('golden: vector kinds', vectorCases);
