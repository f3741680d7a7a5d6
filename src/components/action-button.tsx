/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';

interface ActionButtonProps {
	label: string;
	busyLabel: string;
	isBusy: boolean;
	isDisabled: boolean;
	onClick: () => void;
	variant?: 'primary' | 'secondary';
}

/**
 * A primary button that stays focusable but inert while an action runs.
 *
 * @param props
 * @param props.label      The label.
 * @param props.busyLabel  The label while its action runs.
 * @param props.isBusy     Its action is running.
 * @param props.isDisabled Any action is running.
 * @param props.onClick    The action.
 * @param props.variant    Button variant, primary by default.
 */
export function ActionButton( {
	label,
	busyLabel,
	isBusy,
	isDisabled,
	onClick,
	variant = 'primary',
}: ActionButtonProps ) {
	return (
		<Button
			__next40pxDefaultSize
			variant={ variant }
			isBusy={ isBusy }
			disabled={ isDisabled }
			accessibleWhenDisabled
			onClick={ onClick }
		>
			{ isBusy ? busyLabel : label }
		</Button>
	);
}
