/** The participant ids chosen in a form (`id` fields); anything that is not an id is left out. */
export function formIds(data: FormData): number[] {
	return data
		.getAll('id')
		.filter((v): v is string => typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v))
		.map(Number);
}
