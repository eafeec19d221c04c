// Golden images: shapes features. Run `pnpm golden:update` to write goldens, then look at each.
import { shapeCases } from './cases/shapes';
import { goldenSuite } from './suite';

goldenSuite('golden: shapes', shapeCases);
