// Makes a symlink-free copy of Debian's WordPress (unpacked by tests/env/install-system.sh into
// .cache/wordpress-deb) that WordPress Playground can mount: Playground does not follow symlinks
// out of a mount, and Debian's package links bundled libraries (getID3, underscore, lodash,
// cropper, the CA bundle) to system copies with paths relative to /usr/share/wordpress.
// Each link is resolved like tests/env/wp.sh does: the copy unpacked beside WordPress
// (.cache/wordpress-deb/…, e.g. trixie's php-getid3) first, else the system one.
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'prepare-core v1';

/**
 * @param {string} debRoot .cache/wordpress-deb
 * @param {string} dest    where the resolved core goes (replaced when stale)
 * @return {boolean} true when a new copy was made
 */
export function prepareCore( debRoot, dest ) {
	const complete = fs
		.readFileSync( path.join( debRoot, '.complete' ), 'utf8' )
		.trim();
	const stamp = `${ complete } ${ VERSION }`;
	const stampFile = path.join( dest, '.jsc-core' );
	if (
		fs.existsSync( stampFile ) &&
		fs.readFileSync( stampFile, 'utf8' ) === stamp
	) {
		return false;
	}

	const src = path.join( debRoot, 'usr/share/wordpress' );
	fs.rmSync( dest, { recursive: true, force: true } );
	fs.mkdirSync( dest, { recursive: true } );
	// Debian's wp-config.php reads /etc/wordpress/config-<host>.php: Playground writes its own.
	const skip = new Set( [ 'wp-config.php', '.htaccess' ] );
	copyTree( src, dest, '', skip, debRoot );
	fs.writeFileSync( stampFile, stamp );
	return true;
}

function copyTree( srcRoot, destRoot, rel, skip, debRoot ) {
	for ( const ent of fs.readdirSync( path.join( srcRoot, rel ), {
		withFileTypes: true,
	} ) ) {
		const r = rel === '' ? ent.name : `${ rel }/${ ent.name }`;
		if ( rel === '' && skip.has( ent.name ) ) {
			continue;
		}
		const from = path.join( srcRoot, r );
		const to = path.join( destRoot, r );
		if ( ent.isDirectory() ) {
			fs.mkdirSync( to, { recursive: true } );
			copyTree( srcRoot, destRoot, r, skip, debRoot );
		} else if ( ent.isSymbolicLink() ) {
			const target = fs.readlinkSync( from );
			const resolved = path.isAbsolute( target )
				? target
				: path.posix.normalize(
						path.posix.join(
							'/usr/share/wordpress',
							path.posix.dirname( r ),
							target
						)
				  );
			const candidates = [ path.join( debRoot, resolved ), resolved ];
			const found = candidates.find( ( c ) => fs.existsSync( c ) );
			if ( found === undefined ) {
				throw new Error(
					`${ r } links to ${ resolved }, which is missing (run: sudo bash tests/env/install-system.sh)`
				);
			}
			copyResolved( found, to );
		} else {
			fs.copyFileSync( from, to );
		}
	}
}

function copyResolved( from, to ) {
	if ( fs.statSync( from ).isDirectory() ) {
		fs.cpSync( from, to, { recursive: true, dereference: true } );
	} else {
		fs.copyFileSync( from, to );
	}
}
