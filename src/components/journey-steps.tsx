/**
 * The journey at a glance, above the cards: Jetpack ready → plan reserved → site connected →
 * plan active, the step the owner is on, and the one thing to do there. The server decides all
 * of it (the status object's `journey`, translated there); the panel announces a new step with
 * the other changes (use-companion-status).
 */

/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Journey } from '../types';
import { CARD } from './ui';

/**
 * @param props
 * @param props.journey The status object's journey.
 */
export function JourneySteps( { journey }: { journey: Journey } ) {
	return (
		<div className="card" style={ CARD }>
			<ol
				aria-label={ __( 'Your progress', 'jetpack-start-companion' ) }
				style={ LIST }
			>
				{ journey.steps.map( ( step ) => {
					const current = step.id === journey.current;
					return (
						<li
							key={ step.id }
							aria-current={ current ? 'step' : undefined }
							style={ current ? CURRENT : undefined }
						>
							{ step.done && (
								<span className="screen-reader-text">
									{ __( 'Done:', 'jetpack-start-companion' ) }
								</span>
							) }
							<span aria-hidden="true">
								{ step.done ? '✓ ' : '○ ' }
							</span>
							{ step.label }
						</li>
					);
				} ) }
			</ol>
			<p>{ journey.todo }</p>
		</div>
	);
}

const LIST = {
	display: 'flex',
	flexWrap: 'wrap',
	gap: '8px 24px',
	margin: '8px 0 0 1.5em',
} as const;

const CURRENT = { fontWeight: 600 };
