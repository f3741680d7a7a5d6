#!/usr/bin/env node
// `npm run plugin-zip`: the installable plugin, dist/jetpack-start-companion.zip, with only what
// a site runs: the PHP, the built panel (no source maps), the translations and readme.txt. No
// sources, tests, dev files or Composer/npm manifests. The folder inside is
// jetpack-start-companion/, so Plugins → Add New → Upload installs it under that name.
//
//   node scripts/plugin-zip.mjs           build the zip (run `wp-scripts build` first)
//   node scripts/plugin-zip.mjs --list    print the files it would hold, one a line
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';

const ROOT = path.resolve(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'..'
);
const SLUG = 'jetpack-start-companion';
const OUT = path.join( ROOT, 'dist', `${ SLUG }.zip` );

/** What a site needs, and nothing else. */
const RULES = [
	[ 'plugin.php', /^plugin\.php$/ ],
	[ 'uninstall.php', /^uninstall\.php$/ ],
	[ 'readme.txt', /^readme\.txt$/ ],
	[ 'includes', /\.php$/ ],
	[ 'build', /\.(js|css|php|json|svg|png)$/ ],
	[ 'languages', /\.(pot|po|mo|json|php)$/ ],
];

export function pluginFiles() {
	const files = [];
	for ( const [ entry, keep ] of RULES ) {
		const full = path.join( ROOT, entry );
		if ( ! fs.existsSync( full ) ) {
			continue;
		}
		const found = fs.statSync( full ).isDirectory()
			? fs
					.readdirSync( full, { recursive: true } )
					.map( ( f ) => path.join( entry, f ) )
			: [ entry ];
		for ( const file of found ) {
			if (
				fs.statSync( path.join( ROOT, file ) ).isFile() &&
				keep.test( path.basename( file ) )
			) {
				files.push( file.split( path.sep ).join( '/' ) );
			}
		}
	}
	return files.sort();
}

function main() {
	const files = pluginFiles();
	if ( process.argv.includes( '--list' ) ) {
		process.stdout.write( files.join( '\n' ) + '\n' );
		return;
	}
	for ( const required of [
		'plugin.php',
		'build/index.js',
		'build/index.asset.php',
		'readme.txt',
	] ) {
		if ( ! files.includes( required ) ) {
			process.stderr.write(
				`plugin-zip: ${ required } is missing (run wp-scripts build first)\n`
			);
			process.exit( 1 );
		}
	}
	const zip = new AdmZip();
	// A fixed date: the same sources give the same zip.
	const date = new Date( '2020-01-01T00:00:00Z' );
	for ( const file of files ) {
		zip.addFile(
			`${ SLUG }/${ file }`,
			fs.readFileSync( path.join( ROOT, file ) )
		);
		zip.getEntry( `${ SLUG }/${ file }` ).header.time = date;
	}
	fs.mkdirSync( path.dirname( OUT ), { recursive: true } );
	zip.writeZip( OUT );
	const size = fs.statSync( OUT ).size;
	process.stdout.write(
		`${ path.relative( ROOT, OUT ) }: ${
			files.length
		} files, ${ size } bytes\n`
	);
}

if ( process.argv[ 1 ] === fileURLToPath( import.meta.url ) ) {
	main();
}
