/**
 * HTML by tagged template: every interpolated value is escaped unless it is already
 * SafeHtml (another template's result), so what a site reported can never become markup.
 */
export class SafeHtml {
	readonly value: string;
	constructor( value: string ) {
		this.value = value;
	}
	toString(): string {
		return this.value;
	}
}

const ESCAPES: Record< string, string > = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'`': '&#96;',
};

export function escapeHtml( s: string ): string {
	return s.replace( /[&<>"'`]/g, ( c ) => ESCAPES[ c ] ?? c );
}

type Value =
	| SafeHtml
	| string
	| number
	| boolean
	| null
	| undefined
	| readonly Value[];

function render( v: Value ): string {
	if ( v === null || v === undefined || v === false ) {
		return '';
	}
	if ( v instanceof SafeHtml ) {
		return v.value;
	}
	if ( Array.isArray( v ) ) {
		return ( v as readonly Value[] ).map( render ).join( '' );
	}
	return escapeHtml( String( v ) );
}

export function html(
	strings: TemplateStringsArray,
	...values: Value[]
): SafeHtml {
	let out = strings[ 0 ] ?? '';
	values.forEach( ( v, i ) => {
		out += render( v ) + ( strings[ i + 1 ] ?? '' );
	} );
	return new SafeHtml( out );
}

/**
 * A query string for a link (values encoded; empty ones left out).
 * @param params
 */
export function query(
	params: Record< string, string | number | undefined >
): string {
	const q = new URLSearchParams();
	for ( const [ k, v ] of Object.entries( params ) ) {
		if ( v !== undefined && v !== '' ) {
			q.set( k, String( v ) );
		}
	}
	const s = q.toString();
	return s === '' ? '' : `?${ s }`;
}
