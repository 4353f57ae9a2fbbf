/** Dutch messages for personal links: hidden in the outbox, sent again, ended and renewed. Part of the catalogue in nl.ts. */
export const linksNl = {
	'outbox.hiddenLink': '[persoonlijke link (verborgen)]',
	'outbox.detail.linksHidden': 'De persoonlijke link in dit bericht is verborgen. Met die link kan iemand meedoen als de ontvanger. Daarom ziet alleen de ontvanger hem. Is de link bij de verkeerde persoon terechtgekomen? Maak dan een nieuwe link op de pagina van de deelnemer.'
};
