/**
 * Bench part "payload": what the panel page adds to the browser's download, raw and gzipped
 * (its script and style from build/; WordPress's own packages load as wp.* externals).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { figure, writePart } from './figures';

const BUILD = path.resolve( __dirname, '../../../build' );
const files = [ 'index.js', 'index.css', 'style-index.css' ]
	.map( ( f ) => path.join( BUILD, f ) )
	.filter( ( f ) => existsSync( f ) );
const raw = files.reduce( ( n, f ) => n + readFileSync( f ).length, 0 );
const gzipped = files.reduce(
	( n, f ) => n + gzipSync( readFileSync( f ), { level: 9 } ).length,
	0
);

writePart( 'payload', [
	figure( 'panel-js-css-raw', 'Panel JS + CSS, raw', 'bytes', [ raw ] ),
	figure(
		'panel-js-css-gzip',
		'Panel JS + CSS, gzipped',
		'bytes',
		[ gzipped ],
		{ max: 8192 }
	),
] );
