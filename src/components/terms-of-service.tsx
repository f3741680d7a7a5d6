/**
 * WordPress dependencies
 */
import { createInterpolateElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { TOS_URL } from '../messages';
import { ExternalLink } from './ui';

interface Props {
	/** The label of the button the line is about, e.g. "Activate Jetpack Backup". */
	buttonLabel: string;
}

/**
 * The consent line shown before any button that asks for the plan: clicking it is the
 * user's agreement (the request sends accept_terms).
 *
 * @param props
 * @param props.buttonLabel The label of the button the line is about.
 */
export function TermsOfService( { buttonLabel }: Props ) {
	return (
		<p className="jetpack-start-companion__terms">
			{ createInterpolateElement(
				/* translators: <label /> is the button's label, e.g. "Activate Jetpack Backup". Keep the <label /> and <a> tags. */
				__(
					'By clicking <label />, you agree to WordPress.com’s <a>Terms of Service</a> and to sync your site’s data with us.',
					'jetpack-start-companion'
				),
				{
					// The label is host-supplied text: an element child, never parsed as markup.
					label: <strong>{ buttonLabel }</strong>,
					// Children come from the translated string.
					a: <ExternalLink href={ TOS_URL } />,
				}
			) }
		</p>
	);
}
