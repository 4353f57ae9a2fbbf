/**
 * Names of co-edited documents live in the theme document module
 * (src/lib/shared/theme-document.ts). Re-exported here only for ./index.ts, which the work on
 * the access layer changes at the same time; new code imports from the shared module.
 */
export { parseDocName } from '../../shared/theme-document';
