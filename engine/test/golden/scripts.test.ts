// Golden images: every shipped script. Run `pnpm golden:update` to write goldens, then look at each.
import { scriptCases } from './cases/scripts';
import { goldenSuite } from './suite';

goldenSuite('golden: scripts', scriptCases);
