/** The Dutch text of a catalogue key, as the tests compare what the pages show. */
import { translate } from '../../src/lib/i18n';

export const nl = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('nl', key, params);
