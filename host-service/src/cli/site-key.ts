import { canonicalSiteUrl } from '../lib/canonical.js';
import { masterSecretProblems } from '../config/index.js';
import { deriveSiteKey } from '../lib/key-provider.js';

// Prints only the key on stdout so provisioning scripts can capture it:
//   KEY=$(JSC_MASTER_SECRET=… node host-service/dist/cli/site-key.js https://example.com)
const [ input ] = process.argv.slice( 2 );
const secret = process.env.JSC_MASTER_SECRET ?? '';
if ( input === undefined || input === '--help' || input === '-h' ) {
	process.stderr.write(
		'usage: JSC_MASTER_SECRET=… node host-service/dist/cli/site-key.js <site_url>\n'
	);
	process.exit( input === undefined ? 64 : 0 );
}
// The service's own check: a key derived from a secret it would refuse is useless.
const problems = masterSecretProblems( secret );
if ( problems.length > 0 ) {
	process.stderr.write( `${ problems.join( '\n' ) }\n` );
	process.exit( 78 );
}
const site = canonicalSiteUrl( input );
if ( site === null ) {
	process.stderr.write(
		`Not a valid site URL (http/https, no user info, query or fragment): ${ input }\n`
	);
	process.exit( 65 );
}
if ( site !== input ) {
	process.stderr.write( `canonical site: ${ site }\n` );
}
process.stdout.write( `${ deriveSiteKey( secret, site ) }\n` );
