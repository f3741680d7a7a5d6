/**
 * A benchmark figure: several rounds, their median and range, and (for timings) the ratio of
 * the median to a baseline measured in the same run. Each part writes
 * artifacts/bench/parts/<part>.json as { part, figures } (PLAN.md's format).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Figure {
	id: string;
	label: string;
	value: number;
	unit: string;
	/** The baseline's median, in the unit of the rounds. */
	baseline?: number;
	ratio?: number;
	target?: string;
	met?: boolean;
	rounds: number;
	median: number;
	min: number;
	max: number;
}

const ROOT = path.resolve( __dirname, '../../..' );

export function median( values: readonly number[] ): number {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const mid = Math.floor( sorted.length / 2 );
	return sorted.length % 2
		? sorted[ mid ]!
		: ( sorted[ mid - 1 ]! + sorted[ mid ]! ) / 2;
}

const round = ( n: number, digits = 3 ) => Number( n.toFixed( digits ) );

/**
 * A figure from its rounds. With a baseline (measured in the same rounds, interleaved), each
 * round gives a ratio, and the figure is the median of those ratios with their range; the
 * baseline's median is kept beside it.
 *
 * @param id               Stable id.
 * @param label            What it is.
 * @param unit             Unit of the rounds (ms, bytes, count).
 * @param values           One value per round.
 * @param options          Baseline rounds, and the target (a maximum unless `atLeast`).
 * @param options.baseline The baseline's rounds, one per round of `values`.
 * @param options.max      The value must be at most this.
 * @param options.atLeast  The value must be at least this.
 */
export function figure(
	id: string,
	label: string,
	unit: string,
	values: readonly number[],
	options: {
		baseline?: readonly number[];
		max?: number;
		atLeast?: number;
	} = {}
): Figure {
	let rounds = values;
	let shown = unit;
	if ( options.baseline ) {
		const base = options.baseline;
		rounds = values.map( ( v, i ) => v / base[ i ]! );
		shown = 'ratio';
	}
	const m = median( rounds );
	const out: Figure = {
		id,
		label,
		value: round( m ),
		unit: shown,
		rounds: rounds.length,
		median: round( m ),
		min: round( Math.min( ...rounds ) ),
		max: round( Math.max( ...rounds ) ),
	};
	if ( options.baseline ) {
		out.baseline = round( median( options.baseline ) );
		out.ratio = out.value;
	}
	if ( options.max !== undefined ) {
		out.target = `≤ ${ options.max }`;
		out.met = out.value <= options.max;
	}
	if ( options.atLeast !== undefined ) {
		out.target = `≥ ${ options.atLeast }`;
		out.met = out.value >= options.atLeast;
	}
	return out;
}

/**
 * Writes artifacts/bench/parts/<part>.json.
 *
 * @param part    The part's name.
 * @param figures Its figures.
 */
export function writePart( part: string, figures: Figure[] ): void {
	const dir = path.join( ROOT, 'artifacts/bench/parts' );
	mkdirSync( dir, { recursive: true } );
	writeFileSync(
		path.join( dir, `${ part }.json` ),
		JSON.stringify( { part, figures }, null, '\t' ) + '\n'
	);
}
