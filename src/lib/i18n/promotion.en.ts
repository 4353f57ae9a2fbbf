import type { promotionNl } from './promotion.nl';

/** English messages for the promotion pages. Same keys as promotion.nl.ts. */
export const promotionEn: Record<keyof typeof promotionNl, string> = {
	'promotion.pageTitle': 'Taking criteria into the framework'
};
