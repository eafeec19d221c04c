// Golden images: text features. Run `pnpm golden:update` to write goldens, then look at each.
import { textCases } from './cases/text';
import { goldenSuite } from './suite';

goldenSuite('golden: text', textCases);
