import { effectiveState } from '../../fleet/state.js';
import type { HistoryEntry, SiteRow } from '../../fleet/types.js';
import { linkOrigin } from '../../lib/links.js';
import { dataTable } from './table.js';
import { html, query, type SafeHtml } from './html.js';
import {
	connectionSummary,
	daysLeft,
	jetpackSummary,
	formatTime,
	HISTORY_LABELS,
	STATE_LABELS,
} from './labels.js';

export interface SitePageData {
	site: string;
	row: SiteRow | null;
	history: HistoryEntry[];
	now: number;
	csrf: string;
	jobs: boolean;
}

const detailText = ( d: Record< string, unknown > ): string =>
	Object.entries( d )
		.filter( ( [ , v ] ) => v !== null && v !== undefined && v !== '' )
		.map(
			( [ k, v ] ) =>
				`${ k.replace( /_/g, ' ' ) }: ${
					typeof v === 'object' ? JSON.stringify( v ) : String( v )
				}`
		)
		.join( '; ' );

function record( r: SiteRow, now: number ): SafeHtml {
	const s = effectiveState( r, now );
	const left = daysLeft( r.pending_expires_at, now );
	const rows: [ string, SafeHtml | string ][] = [
		[
			'State',
			html`<span class="state state-${ s }">${ STATE_LABELS[ s ] }</span
				>${ r.error_code
					? html` <code>${ r.error_code }</code>`
					: '' }`,
		],
		[ 'Plan', r.plan ?? '—' ],
		[ 'WordPress login', r.local_user ?? '—' ],
		[
			'Provisioned',
			`${ formatTime( r.provisioned_at ) }${
				r.provisioned_by ? ` (by the ${ r.provisioned_by })` : ''
			}`,
		],
		[
			'Offer expires',
			r.pending_expires_at === null
				? '—'
				: `${ formatTime( r.pending_expires_at ) }${
						left === null ? '' : ` (${ left } days left)`
				  }`,
		],
		[ 'Renewals', String( r.renewals ) ],
		[
			'Approval link',
			r.next_url === ''
				? 'none'
				: `yes, on ${
						linkOrigin( r.next_url ) ??
						'an address the link rule refuses'
				  }`,
		],
		[ 'Cancelled', formatTime( r.cancelled_at ) ],
		[ 'Last checked with WordPress.com', formatTime( r.last_checked_at ) ],
		[ 'Next background check', formatTime( r.next_check_at ) ],
	];
	return html`<dl class="record">
		${ rows.map(
			( [ k, v ] ) =>
				html`<dt>${ k }</dt>
					<dd>${ v }</dd>`
		) }
	</dl>`;
}

function reportSection( r: SiteRow ): SafeHtml {
	const rep = r.report;
	if ( rep === null ) {
		return html`<section aria-labelledby="rep-h">
			<h2 id="rep-h">What the site reports</h2>
			<p>The site has not reported yet.</p>
		</section>`;
	}
	const j = rep.jetpack;
	return html`<section aria-labelledby="rep-h">
		<h2 id="rep-h">What the site reports</h2>
		<p>
			Last report ${ formatTime( r.reported_at ) } (${ rep.reason }):
			WordPress ${ rep.wp_version }, companion plugin
			${ rep.plugin_version }.
		</p>
		<dl class="record">
			<dt>Jetpack</dt>
			<dd>
				${ jetpackSummary( j ) }${ j.offline_mode
					? ', offline mode'
					: '' }
			</dd>
			<dt>Connection</dt>
			<dd>${ connectionSummary( j ) }</dd>
			<dt>The site's own state</dt>
			<dd>
				${ rep.provisioning.state }${ rep.provisioning.error_code
					? html` <code>${ rep.provisioning.error_code }</code>`
					: '' }
			</dd>
		</dl>
		${ ( rep.checks ?? [] ).length === 0
			? html`<p>No preflight checks reported.</p>`
			: html`<table>
					<caption>
						Preflight checks
					</caption>
					<thead>
						<tr>
							<th scope="col">Check</th>
							<th scope="col">Result</th>
							<th scope="col">Code</th>
						</tr>
					</thead>
					<tbody>
						${ ( rep.checks ?? [] ).map(
							( c ) =>
								html`<tr>
									<th scope="row">${ c.id }</th>
									<td class="check-${ c.status }">
										${ c.status }
									</td>
									<td>${ c.code ?? '—' }</td>
								</tr>`
						) }
					</tbody>
			  </table>` }
	</section>`;
}

function actions( d: SitePageData ): SafeHtml {
	const r = d.row;
	const s = r === null ? 'not_requested' : effectiveState( r, d.now );
	const cancellable = s !== 'cancelled' && s !== 'not_requested';
	return html`<section aria-labelledby="act-h">
		<h2 id="act-h">Actions</h2>
		${ cancellable
			? html`<form method="post" action="/fleet/cancel" class="action">
					<input
						type="hidden"
						name="csrf"
						value="${ d.csrf }"
					/><input type="hidden" name="url" value="${ d.site }" />
					<fieldset>
						<legend>Cancel the plan (hosting ended)</legend>
						<p>
							<input
								type="checkbox"
								id="confirm"
								name="confirm"
								value="yes"
								required
							/>
							<label for="confirm"
								>Cancel ${ r?.plan ?? 'the plan' } for
								${ d.site } on WordPress.com</label
							>
						</p>
						<p>
							<button type="submit" class="danger">
								Cancel plan
							</button>
						</p>
					</fieldset>
			  </form>`
			: html`<p>Nothing to cancel.</p>` }
		${ d.jobs &&
		r !== null &&
		( s === 'awaiting_authorization' || s === 'awaiting_dns' )
			? html`<form method="post" action="/fleet/recheck" class="action">
					<input
						type="hidden"
						name="csrf"
						value="${ d.csrf }"
					/><input type="hidden" name="url" value="${ d.site }" />
					<p>
						<button type="submit">
							Check with WordPress.com now
						</button>
					</p>
			  </form>`
			: '' }
	</section>`;
}

export function sitePage( d: SitePageData ): SafeHtml {
	return html`<p><a href="/fleet">← All sites</a></p>
		<h1>${ d.site }</h1>
		${ d.row === null
			? html`<p>The service has no record of this site.</p>`
			: html`${ record( d.row, d.now ) }${ reportSection( d.row ) }` }
		${ actions( d ) }
		<section aria-labelledby="hist-h">
			<h2 id="hist-h">History</h2>
			<p>
				<a href="/api/v1/site${ query( { url: d.site } ) }"
					>This site as JSON</a
				>
			</p>
			${ d.history.length === 0
				? html`<p>No steps recorded.</p>`
				: dataTable( {
						label: 'Table of steps',
						caption: 'Every step, newest first',
						columns: [
							'When',
							'Step',
							'Outcome',
							'HTTP',
							'Plan',
							'Details',
							'Request id',
						],
						rows: d.history.map(
							( h ) =>
								html`<tr>
									<td>${ formatTime( h.at ) }</td>
									<th scope="row">
										${ HISTORY_LABELS[ h.kind ] ?? h.kind }
									</th>
									<td><code>${ h.outcome }</code></td>
									<td>${ h.http_status ?? '—' }</td>
									<td>${ h.plan ?? '—' }</td>
									<td>${ detailText( h.detail ) }</td>
									<td>${ h.request_id ?? '—' }</td>
								</tr>`
						),
				  } ) }
		</section>`;
}

export function loginPage( failed: boolean ): SafeHtml {
	return html`<h1>Sign in</h1>
		${ failed
			? html`<p class="notice notice-error" role="alert">
					That token is not the admin token.
			  </p>`
			: '' }
		<form method="post" action="/login" class="login">
			<p>
				<label for="token">Admin token</label>
				<input
					id="token"
					name="token"
					type="password"
					required
					autocomplete="current-password"
					size="40"
				/>
			</p>
			<p><button type="submit">Sign in</button></p>
		</form>
		<p class="hint">
			The token is the service's <code>JSC_ADMIN_TOKEN</code>. Behind your
			single sign-on, the proxy sends it for you.
		</p>`;
}
