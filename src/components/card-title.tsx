/**
 * WordPress dependencies
 */
import { CardHeader } from '@wordpress/components';

interface Props {
	id: string;
	children: string;
}

/**
 * A card's heading. Focusable from script so focus has somewhere to go when the
 * button the user clicked goes away.
 *
 * @param props
 * @param props.id       The heading's id.
 * @param props.children The heading's text.
 */
export function CardTitle( { id, children }: Props ) {
	return (
		<CardHeader>
			<h2
				id={ id }
				tabIndex={ -1 }
				style={ { margin: 0, fontSize: '1.2em' } }
			>
				{ children }
			</h2>
		</CardHeader>
	);
}

export const HEADING_IDS = {
	jetpack: 'jetpack-start-companion-jetpack-title',
	plan: 'jetpack-start-companion-plan-title',
	connection: 'jetpack-start-companion-connection-title',
} as const;
