import { html, type SafeHtml } from './html.js';

export interface LayoutOptions {
	title: string;
	body: SafeHtml;
	/** a one-line status shown (and announced) at the top, from a fixed list */
	notice?: { text: string; kind: 'success' | 'error' } | null;
	signedIn?: { csrf: string } | null;
}

/**
 * Every admin page: a skip link, a header, one main landmark, the notice in a live region.
 * No script at all; styles from one file (the CSP allows nothing else).
 * @param o
 */
export function layout( o: LayoutOptions ): SafeHtml {
	return html`<!doctype html>
		<html lang="en">
			<head>
				<meta charset="utf-8" />
				<meta
					name="viewport"
					content="width=device-width, initial-scale=1"
				/>
				<title>${ o.title } · Jetpack plans across your sites</title>
				<link rel="stylesheet" href="/fleet/fleet.css" />
			</head>
			<body>
				<a class="skip" href="#main">Skip to content</a>
				<header class="top">
					<p class="brand">
						<a href="/fleet">Jetpack plans across your sites</a>
					</p>
					${ o.signedIn
						? html`<form
								method="post"
								action="/logout"
								class="logout"
						  >
								<input
									type="hidden"
									name="csrf"
									value="${ o.signedIn.csrf }"
								/><button type="submit">Sign out</button>
						  </form>`
						: '' }
				</header>
				<main id="main" tabindex="-1">
					<div role="status" aria-live="polite" class="notice-region">
						${ o.notice
							? html`<p class="notice notice-${ o.notice.kind }">
									${ o.notice.text }
							  </p>`
							: '' }
					</div>
					${ o.body }
				</main>
			</body>
		</html> `;
}
