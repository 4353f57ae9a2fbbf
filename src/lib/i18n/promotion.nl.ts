/** Dutch messages for the promotion pages. Part of the catalogue in nl.ts. */
export const promotionNl = {
	'promotion.pageTitle': 'Criteria overnemen in het kader'
} as const;
