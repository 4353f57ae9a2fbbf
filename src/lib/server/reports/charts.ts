/**
 * The beeldverslag as accessible SVG for the printable HTML report, plus the text alternatives
 * and table data that the PDF and DOCX exports reuse, so every format tells the same story.
 *
 * The charts are plain strings (no DOM), built from `ReportFigures`. They must stay readable
 * in black-and-white print and for people who cannot tell colours apart: each bar carries its
 * perspective's name and its number as text, the colours come from the Okabe–Ito palette and
 * each perspective also has its own fill pattern. Keywords are typed by participants, so every
 * text is escaped before it goes into the markup.
 *
 * It also holds `bodyBlocks`, the parser for a section's plain-text body, because every
 * renderer (HTML, PDF, DOCX) needs the same reading of paragraphs and bullets.
 */
import type { ReportFigures, ReportView } from './types';
import { escapeXml } from '../xml';

export type VoteFigure = NonNullable<ReportFigures['vote']>;
export type KeywordFigure = ReportFigures['keywords'][number];
export type ChartLabels = Pick<ReportView['labels'], 'voteFigureTitle' | 'voteFigureAlt' | 'themeColumn' | 'totalColumn' | 'chosenLabel'>;

/** Okabe–Ito, ordered so that neighbours differ most; yellow comes late (low contrast on white). */
export const PERSPECTIVE_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

const PATTERNS = ['solid', 'diagonal', 'dots', 'horizontal', 'crosshatch', 'vertical'] as const;
type PatternName = (typeof PATTERNS)[number];

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const WIDTH = 640;
const PAD = 16;
const BAR_HEIGHT = 16;
const ROW_HEIGHT = 24;
const TEXT_COLOUR = '#1a1a1a';

// ---------------------------------------------------------------------------------------------
// Perspective styles

export interface PerspectiveStyle {
	colour: string;
	pattern: PatternName;
}

/** The colour and pattern of the perspective at this position (cycles when there are many). */
export function perspectiveStyle(index: number): PerspectiveStyle {
	return {
		colour: PERSPECTIVE_COLOURS[index % PERSPECTIVE_COLOURS.length] ?? '#000000',
		pattern: PATTERNS[index % PATTERNS.length] ?? 'solid'
	};
}

function patternOverlay(pattern: PatternName, ink: string): string {
	const line = `stroke="${ink}" stroke-width="1.5"`;
	switch (pattern) {
		case 'diagonal':
			return `<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" ${line}/>`;
		case 'dots':
			return `<circle cx="4" cy="4" r="1.6" fill="${ink}"/>`;
		case 'horizontal':
			return `<path d="M0,4 h8" ${line}/>`;
		case 'crosshatch':
			return `<path d="M0,0 l8,8 M8,0 l-8,8" stroke="${ink}" stroke-width="1"/>`;
		case 'vertical':
			return `<path d="M4,0 v8" ${line}/>`;
		default:
			return '';
	}
}

function patternDefs(count: number, idPrefix: string): string {
	const patterns = Array.from({ length: count }, (_, index) => {
		const { colour, pattern } = perspectiveStyle(index);
		const ink = colour === '#F0E442' || colour === '#56B4E9' ? '#000000' : '#ffffff';
		return (
			`<pattern id="${idPrefix}-p${index}" patternUnits="userSpaceOnUse" width="8" height="8">` +
			`<rect width="8" height="8" fill="${colour}"/>${patternOverlay(pattern, ink)}</pattern>`
		);
	});
	return `<defs>${patterns.join('')}</defs>`;
}

// ---------------------------------------------------------------------------------------------
// Text alternatives and tables (shared with the PDF and DOCX exports)

/** Ends a label or sentence with a full stop unless it already ends in punctuation. */
function asSentence(text: string): string {
	const trimmed = text.trim();
	return trimmed === '' || /[.:!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function countList(perspectives: string[], counts: number[]): string {
	return perspectives.map((name, index) => `${name} ${counts[index] ?? 0}`).join(', ');
}

function themeName(theme: VoteFigure['themes'][number], labels: ChartLabels): string {
	return theme.chosen ? `${theme.name} (${labels.chosenLabel})` : theme.name;
}

/**
 * The text alternative of the vote chart: `labels.voteFigureAlt` as the lead sentence, then one
 * sentence per theme with the stickers per perspective and the total.
 */
export function voteChartAlt(vote: VoteFigure, labels: ChartLabels): string {
	const themes = vote.themes.map(
		(theme) => `${themeName(theme, labels)}: ${countList(vote.perspectives, theme.counts)}; ${labels.totalColumn} ${theme.total}.`
	);
	return [asSentence(labels.voteFigureAlt), ...themes].filter(Boolean).join(' ');
}

/** The text alternative of one theme's keyword counts (the words themselves are shown as text). */
export function keywordChartAlt(entry: KeywordFigure): string {
	return `${entry.theme}: ${countList(entry.perspectives, entry.counts)}.`;
}

/** Rows and columns for an HTML or Word table that carries the same numbers as a chart. */
export interface ChartTable {
	caption: string;
	head: string[];
	rows: string[][];
}

export function voteChartTable(vote: VoteFigure, labels: ChartLabels): ChartTable {
	return {
		caption: labels.voteFigureTitle,
		head: [labels.themeColumn, ...vote.perspectives, labels.totalColumn],
		rows: vote.themes.map((theme) => [
			themeName(theme, labels),
			...vote.perspectives.map((_, index) => String(theme.counts[index] ?? 0)),
			String(theme.total)
		])
	};
}

export function keywordChartTable(entry: KeywordFigure): ChartTable {
	return {
		caption: entry.theme,
		head: [...entry.perspectives],
		rows: [entry.perspectives.map((_, index) => String(entry.counts[index] ?? 0))]
	};
}

// ---------------------------------------------------------------------------------------------
// Layout helpers

/** A rough width estimate for a sans-serif font; good enough to reserve room for labels. */
function textWidth(text: string, size: number): number {
	return text.length * size * 0.56;
}

/** Splits text into lines of at most `maxWidth` (estimated), breaking between words. */
function wrapText(text: string, size: number, maxWidth: number): string[] {
	const maxChars = Math.max(8, Math.floor(maxWidth / (size * 0.56)));
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > maxChars) {
			lines.push(line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}
	if (line) lines.push(line);
	return lines.length ? lines : [''];
}

function textLines(lines: string[], x: number, y: number, size: number, extra = ''): string {
	return lines
		.map((line, index) => `<text x="${x}" y="${y + index * size * 1.3}" font-size="${size}"${extra}>${escapeXml(line)}</text>`)
		.join('');
}

/** A short, stable id prefix derived from the content, so two charts on one page do not clash. */
function contentId(kind: string, input: unknown): string {
	let hash = 0x811c9dc5;
	for (const char of JSON.stringify(input)) {
		hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
	}
	return `${kind}-${hash.toString(36)}`;
}

interface BarLayout {
	labelWidth: number;
	barStart: number;
	barSpace: number;
	max: number;
	idPrefix: string;
}

function barLayout(perspectives: string[], max: number, idPrefix: string): BarLayout {
	const longest = Math.max(0, ...perspectives.map((name) => textWidth(name, 13)));
	const labelWidth = Math.min(WIDTH * 0.4, longest + 8);
	const barStart = PAD + labelWidth + 8;
	return { labelWidth, barStart, barSpace: WIDTH - barStart - PAD - 40, max: Math.max(1, max), idPrefix };
}

/** One bar per perspective: its name on the left, the bar, and the number right after it. */
function barRows(perspectives: string[], counts: number[], top: number, layout: BarLayout): string {
	return perspectives
		.map((name, index) => {
			const count = counts[index] ?? 0;
			const y = top + index * ROW_HEIGHT;
			const width = Math.round((count / layout.max) * layout.barSpace * 10) / 10;
			const labelX = PAD + layout.labelWidth;
			return (
				`<g>` +
				`<text x="${labelX}" y="${y + 12.5}" font-size="13" text-anchor="end">${escapeXml(name)}</text>` +
				`<rect x="${layout.barStart}" y="${y}" width="${width}" height="${BAR_HEIGHT}" fill="url(#${layout.idPrefix}-p${index})" stroke="${TEXT_COLOUR}" stroke-width="${count > 0 ? 0.75 : 0}"/>` +
				`<text x="${layout.barStart + width + 6}" y="${y + 12.5}" font-size="13" font-weight="bold">${count}</text>` +
				`</g>`
			);
		})
		.join('');
}

/** Legend: a swatch with the perspective's colour and pattern, then its name; wraps to new rows. */
function legend(perspectives: string[], top: number, idPrefix: string): { svg: string; height: number } {
	let x = PAD;
	let y = top;
	const items = perspectives.map((name, index) => {
		const itemWidth = 22 + textWidth(name, 13) + 18;
		if (x > PAD && x + itemWidth > WIDTH - PAD) {
			x = PAD;
			y += 22;
		}
		const item =
			`<rect x="${x}" y="${y}" width="14" height="14" fill="url(#${idPrefix}-p${index})" stroke="${TEXT_COLOUR}" stroke-width="0.75"/>` +
			`<text x="${x + 20}" y="${y + 11.5}" font-size="13">${escapeXml(name)}</text>`;
		x += itemWidth;
		return item;
	});
	return { svg: `<g>${items.join('')}</g>`, height: y - top + 22 };
}

interface SvgParts {
	idPrefix: string;
	title: string;
	desc: string;
	defs: string;
	body: string;
	height: number;
}

function svgDocument(parts: SvgParts): string {
	const height = Math.ceil(parts.height);
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${height}" width="100%" ` +
		`style="max-width:${WIDTH}px;height:auto" aria-labelledby="${parts.idPrefix}-title ${parts.idPrefix}-desc" ` +
		`font-family="${FONT}" fill="${TEXT_COLOUR}">` +
		`<title id="${parts.idPrefix}-title">${escapeXml(parts.title)}</title>` +
		`<desc id="${parts.idPrefix}-desc">${escapeXml(parts.desc)}</desc>` +
		`${parts.defs}<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>${parts.body}</svg>`
	);
}

// ---------------------------------------------------------------------------------------------
// Charts

export interface ChartOptions {
	/** Prefix for the ids inside the SVG; defaults to one derived from the content. */
	idPrefix?: string;
}

/**
 * Horizontal grouped bars: per theme a heading, then one bar per perspective with its number.
 * Returns an empty string when there is no vote to show.
 */
export function voteChartSvg(vote: ReportFigures['vote'], labels: ChartLabels, options: ChartOptions = {}): string {
	if (!vote) return '';
	const idPrefix = options.idPrefix ?? contentId('vote', vote);
	const max = Math.max(0, ...vote.themes.flatMap((theme) => theme.counts));
	const layout = barLayout(vote.perspectives, max, idPrefix);
	const titleLines = wrapText(labels.voteFigureTitle, 16, WIDTH - 2 * PAD);
	let y = PAD + 14;
	let body = textLines(titleLines, PAD, y, 16, ' font-weight="bold"');
	y += titleLines.length * 16 * 1.3;
	const key = legend(vote.perspectives, y, idPrefix);
	body += key.svg;
	y += key.height + 12;
	for (const theme of vote.themes) {
		const headingLines = wrapText(`${themeName(theme, labels)}: ${labels.totalColumn} ${theme.total}`, 14, WIDTH - 2 * PAD);
		body += textLines(headingLines, PAD, y + 14, 14, ' font-weight="bold"');
		y += headingLines.length * 14 * 1.3 + 8;
		body += barRows(vote.perspectives, theme.counts, y, layout);
		y += vote.perspectives.length * ROW_HEIGHT + 10;
	}
	return svgDocument({
		idPrefix,
		title: labels.voteFigureTitle,
		desc: voteChartAlt(vote, labels),
		defs: patternDefs(vote.perspectives.length, idPrefix),
		body,
		height: y + PAD / 2
	});
}

export interface KeywordChartOptions extends ChartOptions {
	/** Visible title and SVG title; defaults to the theme's name. */
	title?: string;
}

/** One theme's keyword counts per perspective as bars, with the keywords listed underneath. */
export function keywordChartSvg(entry: KeywordFigure, options: KeywordChartOptions = {}): string {
	const idPrefix = options.idPrefix ?? contentId('keywords', entry);
	const title = options.title ?? entry.theme;
	const layout = barLayout(entry.perspectives, Math.max(0, ...entry.counts), idPrefix);
	const titleLines = wrapText(title, 16, WIDTH - 2 * PAD);
	let y = PAD + 14;
	let body = textLines(titleLines, PAD, y, 16, ' font-weight="bold"');
	y += titleLines.length * 16 * 1.3;
	body += barRows(entry.perspectives, entry.counts, y, layout);
	y += entry.perspectives.length * ROW_HEIGHT + 8;
	const wordLines = entry.words.length ? wrapText(entry.words.join(', '), 13, WIDTH - 2 * PAD) : [];
	body += textLines(wordLines, PAD, y + 13, 13);
	y += wordLines.length * 13 * 1.3;
	const words = entry.words.length ? ` ${asSentence(entry.words.join(', '))}` : '';
	return svgDocument({
		idPrefix,
		title,
		desc: `${keywordChartAlt(entry)}${words}`,
		defs: patternDefs(entry.perspectives.length, idPrefix),
		body,
		height: y + PAD
	});
}

// ---------------------------------------------------------------------------------------------
// Section bodies

import type { BodyBlock } from '../../shared/reports';
export type { BodyBlock };

/**
 * Reads a section body: blank lines separate paragraphs, a line starting with "- " is a bullet
 * (consecutive bullets form one list), and other lines within a paragraph keep their breaks.
 */
export function bodyBlocks(body: string): BodyBlock[] {
	const blocks: BodyBlock[] = [];
	let current: BodyBlock | null = null;
	for (const raw of body.split(/\r?\n/)) {
		const line = raw.trim();
		if (line === '') {
			current = null;
		} else if (/^-(\s|$)/.test(line)) {
			const item = line.slice(1).trim();
			if (!item) continue;
			if (current?.kind !== 'bullets') blocks.push((current = { kind: 'bullets', items: [] }));
			current.items.push(item);
		} else {
			if (current?.kind !== 'paragraph') blocks.push((current = { kind: 'paragraph', lines: [] }));
			current.lines.push(line);
		}
	}
	return blocks;
}
