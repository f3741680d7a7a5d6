/**
 * What the plan card says about where the request stands: the state's own details, what
 * WordPress.com confirmed, the last failure, and the host's support link.
 */

/**
 * WordPress dependencies
 */
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { linkOrigin } from '../links';
import { describeConfirmation, planLabel } from '../messages';
import type {
	CompanionStatus,
	ProvisioningError,
	ProvisioningState,
} from '../types';
import { SupportDetails } from './diagnostics-card';
import { ExternalLink, Notice } from './ui';

export interface StateProps {
	status: CompanionStatus;
	state: ProvisioningState;
}

export function StateDetails( { status, state }: StateProps ) {
	const { provisioning } = status;
	const label = planLabel( status );
	const expires = provisioning.expires_on;
	const expiry = expires ? (
		<p>
			{ sprintf(
				/* translators: %s: date, e.g. "December 11, 2026". */
				__(
					'This activation request is valid until %s. After that, you’ll need to request it again.',
					'jetpack-start-companion'
				),
				expires
			) }
		</p>
	) : null;

	switch ( state ) {
		case 'not_requested':
			return (
				<p>
					{ sprintf(
						/* translators: %s: plan name, e.g. "Jetpack Backup". */
						__(
							'Activate it to connect your site to WordPress.com and turn on %s. It’s already paid for with your hosting.',
							'jetpack-start-companion'
						),
						label
					) }
				</p>
			);
		case 'requesting':
			return (
				<p>
					{ __(
						'WordPress.com is setting up your plan. You can stay on this page; it updates by itself.',
						'jetpack-start-companion'
					) }
				</p>
			);
		case 'active':
			return <ConfirmationDetails status={ status } />;
		case 'awaiting_authorization':
		case 'awaiting_dns':
			return expiry;
		case 'expired':
			return (
				<p>
					{ __(
						'An activation request is valid for 14 days. Request it again, then connect your site.',
						'jetpack-start-companion'
					) }
				</p>
			);
		case 'cancelled':
			return (
				<>
					<p>
						{ __(
							'If you think this is a mistake, contact your hosting provider’s support.',
							'jetpack-start-companion'
						) }
					</p>
					<SupportLink status={ status } />
				</>
			);
		case 'failed':
			return provisioning.error ? (
				<ErrorExplanation error={ provisioning.error } />
			) : (
				<p>
					{ __(
						'The last request didn’t go through.',
						'jetpack-start-companion'
					) }
				</p>
			);
		default:
			return null;
	}
}

/**
 * What WordPress.com said when asked whether the plan is on the site.
 *
 * @param props
 * @param props.status The status object.
 */
function ConfirmationDetails( { status }: { status: CompanionStatus } ) {
	const sentence = describeConfirmation( status );
	if ( ! sentence ) {
		return null;
	}
	if ( status.provisioning.confirmation?.plan_on_site !== 'missing' ) {
		return <p>{ sentence }</p>;
	}
	return (
		<Notice status="warning">
			<p>{ sentence }</p>
			<p>
				{ __(
					'This happens when the activation request expired before your site connected. Request it again; it’s already paid for with your hosting.',
					'jetpack-start-companion'
				) }
			</p>
		</Notice>
	);
}

/**
 * The last request failed but an earlier good answer still stands: say so, keep the
 * state's own action. Dismissed until a different failure comes in.
 *
 * @param props
 * @param props.status The status object.
 */
export function WarningNotice( { status }: { status: CompanionStatus } ) {
	const { error } = status.provisioning;
	const key = error ? `${ error.code } ${ error.at }` : '';
	const [ dismissed, setDismissed ] = useState< string | null >( null );
	if ( ! error || dismissed === key ) {
		return null;
	}
	return (
		<Notice status="warning" onDismiss={ () => setDismissed( key ) }>
			<ErrorExplanation error={ error } />
		</Notice>
	);
}

/**
 * What went wrong, what to do, and the code support will ask for.
 *
 * @param props
 * @param props.error The failure from the status object.
 */
export function ErrorExplanation( { error }: { error: ProvisioningError } ) {
	return (
		<>
			<p>{ error.message }</p>
			{ error.action && <p>{ error.action }</p> }
			<p>
				{ sprintf(
					/* translators: %s: a short technical error code, e.g. partner_key_disabled. */
					__( 'Error code: %s', 'jetpack-start-companion' ),
					error.code
				) }
			</p>
			{ error.support && <SupportDetails text={ error.support } /> }
		</>
	);
}

export function SupportLink( { status }: { status: CompanionStatus } ) {
	const { name, support_url: url } = status.host;
	// The host's own address (wp-config): any origin, but only a URL every parser reads alike.
	if ( linkOrigin( url ) === null ) {
		return null;
	}
	return (
		<p>
			<ExternalLink href={ url }>
				{ name
					? sprintf(
							/* translators: %s: hosting provider name. */
							__(
								'Contact %s support',
								'jetpack-start-companion'
							),
							name
					  )
					: __(
							'Contact your hosting provider',
							'jetpack-start-companion'
					  ) }
			</ExternalLink>
		</p>
	);
}
