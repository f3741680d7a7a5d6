/* eslint-disable no-console -- a command-line report. */
// Reads each runner's machine-readable results from artifacts/results and prints one table
// and one closing line, "N passed, N failed, N skipped", for the whole `npm test`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const dir = new URL( '../artifacts/results/', import.meta.url );
const read = ( name ) => {
	const file = new URL( name, dir );
	return existsSync( file ) ? readFileSync( file, 'utf8' ) : null;
};

const suites = [];
const jest = read( 'jest.json' );
if ( jest ) {
	const r = JSON.parse( jest );
	suites.push( [
		'panel (Jest)',
		r.numPassedTests,
		r.numFailedTests,
		r.numPendingTests + r.numTodoTests,
	] );
}
const tapSuite = ( file, name ) => {
	const tap = read( file );
	if ( ! tap ) {
		return;
	}
	const count = ( key ) =>
		Number(
			new RegExp( `^# ${ key } (\\d+)$`, 'm' ).exec( tap )?.[ 1 ] ?? 0
		);
	suites.push( [
		name,
		count( 'pass' ),
		count( 'fail' ) + count( 'cancelled' ),
		count( 'skipped' ) + count( 'todo' ),
	] );
};
tapSuite( 'host-service.tap', 'host service (node:test)' );
const junit = read( 'phpunit.xml' );
if ( junit ) {
	const attr = ( key ) =>
		Number(
			new RegExp( `<testsuite [^>]*${ key }="(\\d+)"` ).exec(
				junit
			)?.[ 1 ] ?? 0
		);
	const failed = attr( 'failures' ) + attr( 'errors' );
	const skipped = attr( 'skipped' );
	suites.push( [
		'plugin (PHPUnit)',
		attr( 'tests' ) - failed - skipped,
		failed,
		skipped,
	] );
}
const e2e = read( 'e2e.json' );
if ( e2e ) {
	const s = JSON.parse( e2e ).stats;
	suites.push( [
		'browser (Playwright)',
		s.expected + s.flaky,
		s.unexpected,
		s.skipped,
	] );
}
tapSuite( 'release.tap', 'release (node:test)' );
tapSuite( 'reliability.tap', 'reliability (node:test)' );
const versions = read( 'php-versions.json' );
if ( versions ) {
	const r = JSON.parse( versions );
	suites.push( [
		'PHP versions (Playground)',
		r.cases - r.failures,
		r.failures,
		0,
	] );
}
const secrets = read( 'secrets.json' );
if ( secrets ) {
	const r = JSON.parse( secrets );
	suites.push( [ 'no secret in logs', r.passed, r.failed, 0 ] );
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log( '\nSuite                       passed  failed  skipped' );
for ( const [ name, p, f, s ] of suites ) {
	passed += p;
	failed += f;
	skipped += s;
	console.log(
		`${ name.padEnd( 27 ) }${ String( p ).padStart( 7 ) }${ String(
			f
		).padStart( 8 ) }${ String( s ).padStart( 9 ) }`
	);
}
// The reliability and security figures, per part (reliability/<part>.json: { part, cases,
// failures, figures }, written by tests/reliability and, for the service, host-service/test).
// A part's failures are its test's failures, already counted above.
const partsDir = new URL( 'reliability/', dir );
const parts = existsSync( partsDir )
	? readdirSync( partsDir )
			.filter( ( f ) => f.endsWith( '.json' ) )
			.sort()
			.map( ( f ) => JSON.parse( read( `reliability/${ f }` ) ) )
	: [];
if ( parts.length ) {
	console.log( '\nReliability and security                cases  failures' );
	for ( const p of parts ) {
		console.log(
			`${ String( p.part ).padEnd( 38 ) }${ String( p.cases ).padStart(
				7
			) }${ String( p.failures ).padStart( 10 ) }`
		);
		for ( const [ k, v ] of Object.entries( p.figures ?? {} ) ) {
			console.log(
				`    ${ k }: ${
					typeof v === 'object' ? JSON.stringify( v ) : v
				}`
			);
		}
	}
}

const expected = Number( process.argv[ 2 ] ?? suites.length );
if ( suites.length < expected ) {
	failed += expected - suites.length;
	console.log(
		`${
			expected - suites.length
		} suite(s) wrote no results (counted as failed).`
	);
}
console.log( `\n${ passed } passed, ${ failed } failed, ${ skipped } skipped` );
process.exitCode = failed > 0 ? 1 : 0;
