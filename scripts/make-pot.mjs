#!/usr/bin/env node
// `npm run i18n`: languages/jetpack-start-companion.pot from the PHP (wp-pot) and the panel's
// TypeScript (@wordpress/babel-plugin-makepot), one template for both, without a creation date
// so that it only changes when a string does.
//
//   node scripts/make-pot.mjs           write the template
//   node scripts/make-pot.mjs --check   exit 1 when the template is not current (npm run lint)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire( import.meta.url );
const { WP_Pot: WpPot } = require( 'wp-pot' );
const babel = require( '@babel/core' );
const { po } = require( 'gettext-parser' );

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..'
);
const DOMAIN = 'jetpack-start-companion';
const POT = path.join( ROOT, 'languages', `${ DOMAIN }.pot` );
const VERSION = JSON.parse(
	fs.readFileSync( path.join( ROOT, 'package.json' ), 'utf8' )
).version;

function phpTranslations() {
	const pot = new WpPot( { pathsRelativeTo: ROOT } )
		.parse(
			[ 'plugin.php', 'uninstall.php', 'includes/**/*.php' ].map( ( p ) =>
				path.join( ROOT, p )
			)
		)
		.generatePot();
	return po.parse( pot ).translations;
}

function tsTranslations() {
	const dir = fs.mkdtempSync( path.join( os.tmpdir(), 'jsc-makepot-' ) );
	const sets = [];
	const files = fs
		.readdirSync( path.join( ROOT, 'src' ), { recursive: true } )
		.filter(
			( f ) =>
				/\.tsx?$/.test( f ) &&
				! /(^|\/)test\//.test( f ) &&
				! f.endsWith( '.d.ts' )
		)
		.sort();
	for ( const [ i, file ] of files.entries() ) {
		const output = path.join( dir, `${ i }.pot` );
		babel.transformFileSync( path.join( ROOT, 'src', file ), {
			babelrc: false,
			configFile: false,
			cwd: ROOT,
			filename: path.join( ROOT, 'src', file ),
			presets: [
				[
					'@babel/preset-typescript',
					{ isTSX: true, allExtensions: true },
				],
			],
			parserOpts: { plugins: [ 'jsx' ] },
			plugins: [ [ '@wordpress/babel-plugin-makepot', { output } ] ],
		} );
		if ( fs.existsSync( output ) ) {
			sets.push( po.parse( fs.readFileSync( output ) ).translations );
		}
	}
	fs.rmSync( dir, { recursive: true, force: true } );
	return sets;
}

/**
 * "a.php:36, 80 b.ts:4" (either tool's spelling) as [ "a.php", "b.ts" ]: files without line
 * numbers, so the template changes when a string does, not when code moves (CI checks it).
 *
 * @param {string} text A reference comment.
 */
function references( text ) {
	return [
		...new Set(
			[ ...text.matchAll( /([^\s:,]+):[\d,\s]+/g ) ].map(
				( m ) => m[ 1 ]
			)
		),
	];
}

/**
 * One template: entries by context and msgid, references of every file that uses them.
 *
 * @param {Object[]} sets Parsed translations of each source.
 */
function merge( sets ) {
	const merged = {};
	for ( const set of sets ) {
		for ( const [ context, entries ] of Object.entries( set ) ) {
			for ( const [ msgid, entry ] of Object.entries( entries ) ) {
				if ( msgid === '' ) {
					continue;
				}
				merged[ context ] ??= {};
				const seen = merged[ context ][ msgid ];
				const refs = references( entry.comments?.reference ?? '' );
				if ( seen ) {
					seen.comments.reference = [
						...new Set( [
							...seen.comments.reference.split( '\n' ),
							...refs,
						] ),
					].join( '\n' );
					continue;
				}
				merged[ context ][ msgid ] = {
					...entry,
					comments: {
						...entry.comments,
						reference: refs.join( '\n' ),
					},
				};
			}
		}
	}
	return merged;
}

export function makePot() {
	const translations = merge( [ phpTranslations(), ...tsTranslations() ] );
	return po
		.compile( {
			charset: 'utf-8',
			headers: {
				'Project-Id-Version': `Jetpack Start Companion ${ VERSION }`,
				'Report-Msgid-Bugs-To': '',
				'MIME-Version': '1.0',
				'content-type': 'text/plain; charset=UTF-8',
				'Content-Transfer-Encoding': '8bit',
				'Language-Team': '',
				'X-Domain': DOMAIN,
				'X-Generator':
					'scripts/make-pot.mjs (wp-pot, @wordpress/babel-plugin-makepot)',
			},
			translations: {
				'': { '': { msgid: '', msgstr: [ '' ] } },
				...translations,
			},
		} )
		.toString();
}

const pot = makePot();
if ( process.argv.includes( '--check' ) ) {
	const current = fs.existsSync( POT ) ? fs.readFileSync( POT, 'utf8' ) : '';
	if ( current !== pot ) {
		process.stderr.write(
			`${ path.relative(
				ROOT,
				POT
			) } is not current: run npm run i18n and commit it.\n`
		);
		process.exit( 1 );
	}
	process.stdout.write( `${ path.relative( ROOT, POT ) } is current.\n` );
} else {
	fs.mkdirSync( path.dirname( POT ), { recursive: true } );
	fs.writeFileSync( POT, pot );
	const count = ( pot.match( /^msgid "(?!")/gm ) ?? [] ).length;
	process.stdout.write(
		`${ path.relative( ROOT, POT ) }: ${ count } strings\n`
	);
}
