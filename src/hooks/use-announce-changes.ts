/**
 * Speaks what changed in the panel's status to screen reader users.
 */

/**
 * WordPress dependencies
 */
import { speak } from '@wordpress/a11y';
import { useEffect, useRef } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	describeConfirmation,
	describeJetpack,
	describePlan,
	planLabel,
} from '../messages';
import type { CompanionStatus } from '../types';

/**
 * Speaks what changed between two status objects: Jetpack, the plan, the step of the
 * journey, or a new warning from the last request. The first status is on screen already and isn't spoken.
 *
 * @param status The current status object.
 */
export function useAnnounceChanges( status: CompanionStatus | null ): void {
	const previous = useRef< {
		jetpack: string;
		plan: string;
		confirmation: string;
		step: string;
		error: string;
	} | null >( null );

	useEffect( () => {
		if ( ! status ) {
			return;
		}
		const { error } = status.provisioning;
		const { journey } = status;
		const current = {
			jetpack: describeJetpack( status ),
			plan: describePlan( status ),
			confirmation: describeConfirmation( status ),
			// The step indicator's step, with its one thing to do.
			step: journey
				? `${ journey.steps.find( ( s ) => s.id === journey.current )
						?.label }: ${ journey.todo }`
				: '',
			error: error
				? sprintf(
						/* translators: 1: plan name, 2: what went wrong, 3: what to do next. */
						__(
							'Problem with %1$s: %2$s %3$s',
							'jetpack-start-companion'
						),
						planLabel( status ),
						error.message,
						error.action
				  ).trim()
				: '',
		};
		const before = previous.current;
		previous.current = current;
		if ( ! before ) {
			return;
		}
		const changes = [
			current.jetpack !== before.jetpack ? current.jetpack : '',
			current.plan !== before.plan ? current.plan : '',
			current.confirmation !== before.confirmation
				? current.confirmation
				: '',
			current.step !== before.step ? current.step : '',
		].filter( Boolean );
		if ( changes.length ) {
			speak( changes.join( ' ' ), 'polite' );
		}
		if ( current.error && current.error !== before.error ) {
			speak( current.error, 'assertive' );
		}
	}, [ status ] );
}
