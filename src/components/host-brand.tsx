/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { linkOrigin } from '../links';
import type { HostStatus } from '../types';

/**
 * Who provides the plan: the host's logo and name, when the host set them. The logo is shown
 * only from a URL that passes the link rule (the server checked it; this is the last line).
 *
 * @param props
 * @param props.host The `host` part of the status object.
 */
export function HostBrand( { host }: { host: HostStatus } ) {
	const logo = linkOrigin( host.logo_url ) ? host.logo_url : '';
	if ( ! logo && ! host.name ) {
		return null;
	}
	return (
		<p style={ BRAND }>
			{ logo && (
				<img
					src={ logo }
					alt={
						host.name
							? ''
							: __(
									'Your hosting provider',
									'jetpack-start-companion'
							  )
					}
					height={ 32 }
				/>
			) }
			{ host.name &&
				sprintf(
					/* translators: %s: hosting provider name. */
					__( 'Provided by %s', 'jetpack-start-companion' ),
					host.name
				) }
		</p>
	);
}

const BRAND = {
	display: 'flex',
	alignItems: 'center',
	gap: '8px',
	margin: 0,
} as const;
