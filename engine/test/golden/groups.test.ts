// Golden images: group layers. Run `pnpm golden:update` to write goldens, then look at each.
import { groupCases } from './cases/groups';
import { goldenSuite } from './suite';

goldenSuite('golden: groups', groupCases);
