/**
 * A word-level difference between two texts (browser-safe), for showing what changed between
 * two framework versions: the longest common subsequence of words and spaces, so a reader sees
 * deleted words struck through and added words marked.
 */
export interface DiffPart {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

function tokens(text: string): string[] {
	return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Above this many token pairs the texts are shown as a whole replacement instead. */
const MAX_CELLS = 4_000_000;

export function wordDiff(before: string | null, after: string | null): DiffPart[] {
	const a = tokens(before ?? '');
	const b = tokens(after ?? '');
	if (a.length * b.length > MAX_CELLS) {
		return [
			...(a.length ? [{ kind: 'removed' as const, text: before ?? '' }] : []),
			...(b.length ? [{ kind: 'added' as const, text: after ?? '' }] : [])
		];
	}
	// lengths[i][j] = LCS length of a[i..] and b[j..]
	const width = b.length + 1;
	const lengths = new Uint32Array((a.length + 1) * width);
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) {
			lengths[i * width + j] =
				a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
		}
	}
	const parts: DiffPart[] = [];
	const push = (kind: DiffPart['kind'], text: string) => {
		const last = parts[parts.length - 1];
		if (last && last.kind === kind) last.text += text;
		else parts.push({ kind, text });
	};
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		if (a[i] === b[j]) {
			push('same', a[i]!);
			i++;
			j++;
		} else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) push('removed', a[i++]!);
		else push('added', b[j++]!);
	}
	while (i < a.length) push('removed', a[i++]!);
	while (j < b.length) push('added', b[j++]!);
	return parts;
}
