/** The demo directory's people as Teams would present them, for tests. */
import { DEMO_PEOPLE } from '../../src/demo/demoDirectory.js';

export const { ana, ben, cleo, dario, wanda, ema, nils, hal, stranger, newcomer } = DEMO_PEOPLE;
