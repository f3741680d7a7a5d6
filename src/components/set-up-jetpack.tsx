/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { registerWithJetpack, toCompanionError } from '../api';
import { safeAdminHref, safeHref } from '../links';
import type { CompanionStatus } from '../types';
import { ActionButton, Notice } from './ui';

interface Props {
	status: CompanionStatus;
	/** Leaves the page (window.location.assign; replaced in tests). */
	go?: ( url: string ) => void;
}

/**
 * Set Up Jetpack for a plan that waits on the site's connection with no authorize link of its
 * own (case C, or a link the rule refused): it starts Jetpack's own connection flow, as
 * Jetpack's Set up does. Jetpack registers the site with WordPress.com and answers an authorize
 * URL, which the browser follows only if it passes the link rule for WordPress.com's origins.
 * A Jetpack without that route (older) gets its setup screen instead.
 *
 * @param props
 * @param props.status The status object.
 * @param props.go     Navigation.
 */
export function SetUpJetpack( {
	status,
	go = ( url ) => window.location.assign( url ),
}: Props ) {
	const [ busy, setBusy ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );
	const { links, jetpack } = status;

	const fail = ( message: string ): void => {
		setBusy( false );
		setError( message );
		speak( message, 'assertive' );
	};
	const start = async (): Promise< void > => {
		setBusy( true );
		setError( null );
		let href: string | null;
		let message = __(
			'Jetpack answered with an address this page won’t open. Contact your hosting provider.',
			'jetpack-start-companion'
		);
		try {
			href = safeHref(
				await registerWithJetpack(),
				links.authorize_origins
			);
		} catch ( e ) {
			const failure = toCompanionError( e );
			const missing =
				failure.code === 'rest_no_route' || failure.status === 404;
			href = missing
				? safeAdminHref( jetpack.setup_url, links.site_origins )
				: null;
			message = missing
				? __(
						'Open Jetpack from the admin menu to continue.',
						'jetpack-start-companion'
				  )
				: failure.message;
		}
		if ( href ) {
			go( href );
		} else {
			fail( message );
		}
	};

	return (
		<>
			<ActionButton
				label={ __( 'Set Up Jetpack', 'jetpack-start-companion' ) }
				busyLabel={ __(
					'Connecting to WordPress.com…',
					'jetpack-start-companion'
				) }
				isBusy={ busy }
				isDisabled={ busy }
				onClick={ () => void start() }
			/>
			{ error && (
				<Notice status="error">
					<p>{ error }</p>
				</Notice>
			) }
		</>
	);
}
