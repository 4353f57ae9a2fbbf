/**
 * The message catalogue. Dutch is the interface language, English the second locale.
 * Server and browser code translate with the same function (./core.ts); this entry loads
 * both catalogues and is for server code and tests. Browser code uses ./t.ts, which gets
 * only the catalogue of the page's language (./load.ts).
 */
import { nl } from './nl';
import { en } from './en';
import { registerMessages } from './core';

export * from './core';

registerMessages('nl', nl);
registerMessages('en', en);
