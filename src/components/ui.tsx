/**
 * The few pieces of wp-admin's own look the panel needs, as plain markup with core's admin
 * classes (button, notice, card, spinner). @wordpress/components would add about 1.5 MB of
 * scripts and styles to the page for these, and the panel must open as fast as Settings.
 */

/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

interface CardProps {
	/** The heading's id: focus moves there when the button a user clicked goes away. */
	id: string;
	title: string;
	children: ReactNode;
}

/**
 * One concern of the panel, with its heading.
 *
 * @param props
 * @param props.id       The heading's id.
 * @param props.title    The heading.
 * @param props.children The card's content.
 */
export function Card( { id, title, children }: CardProps ) {
	return (
		<section className="card" aria-labelledby={ id } style={ CARD }>
			<h2 id={ id } tabIndex={ -1 } style={ TITLE }>
				{ title }
			</h2>
			{ children }
		</section>
	);
}

export const CARD = { maxWidth: 'none', margin: 0, padding: '8px 24px 16px' };
const TITLE = { fontSize: '1.2em' };

export const HEADING_IDS = {
	jetpack: 'jetpack-start-companion-jetpack-title',
	plan: 'jetpack-start-companion-plan-title',
	connection: 'jetpack-start-companion-connection-title',
} as const;

type Variant = 'primary' | 'secondary';

interface ActionButtonProps {
	label: string;
	busyLabel: string;
	isBusy: boolean;
	isDisabled: boolean;
	onClick: () => void;
	variant?: Variant;
}

/**
 * A button that stays focusable but inert (aria-disabled) while an action runs.
 *
 * @param props
 * @param props.label      The label.
 * @param props.busyLabel  The label while its action runs.
 * @param props.isBusy     Its action is running.
 * @param props.isDisabled Any action is running.
 * @param props.onClick    The action.
 * @param props.variant    Primary (default) or secondary.
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
		<p>
			<button
				type="button"
				className={ `button button-${ variant }` }
				aria-disabled={ isDisabled || undefined }
				onClick={ () => {
					if ( ! isDisabled ) {
						onClick();
					}
				} }
			>
				{ isBusy ? busyLabel : label }
			</button>
			{ isBusy && <Spinner /> }
		</p>
	);
}

/**
 * wp-admin's spinner, beside what is busy.
 */
export function Spinner() {
	return <span className="spinner is-active" style={ SPINNER } />;
}

const SPINNER = { float: 'none', margin: '0 8px' } as const;

interface LinkButtonProps {
	href: string;
	label: string;
	variant?: Variant;
}

/**
 * A link that looks like a button. Only give it an href that passed the link rule.
 *
 * @param props
 * @param props.href    The checked URL.
 * @param props.label   The label.
 * @param props.variant Primary (default) or secondary.
 */
export function LinkButton( {
	href,
	label,
	variant = 'primary',
}: LinkButtonProps ) {
	return (
		<p>
			<a className={ `button button-${ variant }` } href={ href }>
				{ label }
			</a>
		</p>
	);
}

interface ExternalLinkProps {
	href: string;
	children?: ReactNode;
}

/**
 * A link that opens in a new tab, and says so.
 *
 * @param props
 * @param props.href     The checked URL.
 * @param props.children The link text.
 */
export function ExternalLink( { href, children }: ExternalLinkProps ) {
	return (
		<a href={ href } target="_blank" rel="external noreferrer noopener">
			{ children }
			<span className="screen-reader-text">
				{
					/* translators: accessibility text */
					__( '(opens in a new tab)', 'jetpack-start-companion' )
				}
			</span>
			<span aria-hidden="true">&nbsp;↗</span>
		</a>
	);
}

interface NoticeProps {
	status: 'error' | 'warning' | 'info';
	children: ReactNode;
	onDismiss?: () => void;
}

/**
 * wp-admin's notice, inside the panel. Not spoken by itself: the panel announces changes.
 *
 * @param props
 * @param props.status    error, warning or info.
 * @param props.children  The notice's paragraphs.
 * @param props.onDismiss Called by its dismiss button; without it, it has none.
 */
export function Notice( { status, children, onDismiss }: NoticeProps ) {
	return (
		<div
			className={ `notice notice-${ status } inline${
				onDismiss ? ' is-dismissible' : ''
			}` }
			style={ NOTICE }
		>
			{ children }
			{ onDismiss && (
				<button
					type="button"
					className="notice-dismiss"
					onClick={ onDismiss }
				>
					<span className="screen-reader-text">
						{ __(
							'Dismiss this notice',
							'jetpack-start-companion'
						) }
					</span>
				</button>
			) }
		</div>
	);
}

const NOTICE = { margin: '8px 0' };
