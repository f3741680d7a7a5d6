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
 * A figure from its rounds; with a baseline, the value is the ratio of medians.
 *
 * @param id               Stable id.
 * @param label            What it is.
 * @param unit             Unit of the rounds (ms, bytes, count).
 * @param values           One value per round.
 * @param options          Baseline rounds, and the target (a maximum unless `atLeast`).
 * @param options.baseline The baseline's rounds, measured in the same run.
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
	const m = median( values );
	const out: Figure = {
		id,
		label,
		value: round( m ),
		unit,
		rounds: values.length,
		median: round( m ),
		min: round( Math.min( ...values ) ),
		max: round( Math.max( ...values ) ),
	};
	if ( options.baseline ) {
		const b = median( options.baseline );
		out.baseline = round( b );
		let ratio = m / b;
		if ( b === 0 ) {
			ratio = m === 0 ? 1 : Infinity;
		}
		out.ratio = round( ratio );
		out.value = out.ratio;
		out.unit = 'ratio';
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
