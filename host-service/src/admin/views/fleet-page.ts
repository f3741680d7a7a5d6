import { effectiveState } from '../../fleet/state.js';
import type { FleetCounts, ListFilter, ListPage } from '../../fleet/queries.js';
import { FLEET_STATES, type SiteRow } from '../../fleet/types.js';
import { provisionForm } from './provision-form.js';
import { dataTable } from './table.js';
import { html, query, type SafeHtml } from './html.js';
import {
	daysLeft,
	formatTime,
	jetpackSummary,
	STATE_HINTS,
	STATE_LABELS,
} from './labels.js';

export interface FleetPageData {
	counts: FleetCounts;
	page: ListPage;
	filter: ListFilter;
	now: number;
	plans: readonly string[];
	csrf: string;
	/** a fresh Idempotency-Key for the provision form (a double submit provisions once) */
	formKey: string;
	unwritten: number;
}

const filterParams = ( f: ListFilter ) => ( {
	state: f.state,
	code: f.code,
	check: f.check,
	plan: f.plan,
	q: f.q,
} );

function stateCell( r: SiteRow, now: number ): SafeHtml {
	const s = effectiveState( r, now );
	const left =
		s === 'awaiting_authorization' || s === 'awaiting_dns'
			? daysLeft( r.pending_expires_at, now )
			: null;
	return html`<span class="state state-${ s }">${ STATE_LABELS[ s ] }</span
		>${ left === null
			? ''
			: html` <span class="days"
					>(${ left } ${ left === 1 ? 'day' : 'days' } left)</span
			  >` }${ s === 'failed' && r.error_code
			? html` <code>${ r.error_code }</code>`
			: '' }`;
}

function countsList( d: FleetPageData ): SafeHtml {
	const c = d.counts;
	const item = (
		label: string,
		n: number,
		params: Record< string, string >,
		current: boolean,
		hint?: string
	) =>
		html`<li>
			<a
				href="/fleet${ query( params ) }"
				${ current ? html` aria-current="true"` : '' }
				><span class="n">${ n.toLocaleString( 'en-US' ) }</span>
				<span class="label">${ label }</span></a
			>${ hint ? html`<span class="hint">${ hint }</span>` : '' }
		</li>`;
	const soon = c.expiringSoon;
	return html`<section aria-labelledby="counts-h">
		<h2 id="counts-h">
			Sites by state
			<span class="total"
				>(${ c.total.toLocaleString( 'en-US' ) } in all)</span
			>
		</h2>
		<ul class="counts">
			${ FLEET_STATES.map( ( s ) =>
				item(
					STATE_LABELS[ s ],
					c.byState[ s ],
					{ state: s },
					d.filter.state === s && d.filter.code === undefined,
					s === 'awaiting_authorization' && soon > 0
						? `${ soon } expire within 2 days. ${ STATE_HINTS[ s ] }`
						: STATE_HINTS[ s ]
				)
			) }
		</ul>
		${ c.failedByCode.length === 0
			? ''
			: html`<h3>Failed, by error code</h3>
					<ul class="counts small">
						${ c.failedByCode.map( ( x ) =>
							item(
								x.code,
								x.sites,
								{ state: 'failed', code: x.code },
								d.filter.code === x.code
							)
						) }
					</ul>` }
		${ c.failingChecks.length === 0
			? ''
			: html`<h3>What sites report failing</h3>
					<ul class="counts small">
						${ c.failingChecks.map( ( x ) =>
							item(
								x.check,
								x.sites,
								{ check: x.check },
								d.filter.check === x.check
							)
						) }
					</ul>` }
	</section>`;
}

function filters( d: FleetPageData ): SafeHtml {
	const f = d.filter;
	return html`<form
		method="get"
		action="/fleet"
		class="filters"
		role="search"
		aria-label="Find sites"
	>
		<p>
			<label for="q">Search sites</label>
			<input
				type="search"
				id="q"
				name="q"
				value="${ f.q ?? '' }"
				placeholder="part of the address, or a WordPress login"
			/>
		</p>
		<p>
			<label for="state">State</label>
			<select id="state" name="state">
				<option value="">Any state</option>
				${ FLEET_STATES.map(
					( s ) =>
						html`<option
							value="${ s }"
							${ f.state === s ? html` selected` : '' }
						>
							${ STATE_LABELS[ s ] }
						</option>`
				) }
			</select>
		</p>
		<p>
			<label for="code">Error code</label>
			<input id="code" name="code" value="${ f.code ?? '' }" size="18" />
		</p>
		<p>
			<label for="plan">Plan</label>
			<select id="plan" name="plan">
				<option value="">Any plan</option>
				${ d.plans.map(
					( p ) =>
						html`<option
							value="${ p }"
							${ f.plan === p ? html` selected` : '' }
						>
							${ p }
						</option>`
				) }
			</select>
		</p>
		${ f.check
			? html`<input type="hidden" name="check" value="${ f.check }" />`
			: '' }
		<p>
			<button type="submit">Show sites</button>
			<a href="/fleet">Clear filters</a>
		</p>
	</form>`;
}

function table( d: FleetPageData ): SafeHtml {
	const { page, filter, now } = d;
	const pages = Math.max( 1, Math.ceil( page.total / filter.perPage ) );
	const link = ( p: number ) =>
		`/fleet${ query( { ...filterParams( filter ), page: p } ) }`;
	const shown = page.totalCapped
		? `more than ${ page.total.toLocaleString( 'en-US' ) }`
		: page.total.toLocaleString( 'en-US' );
	return html`<section aria-labelledby="sites-h">
		<h2 id="sites-h">Sites</h2>
		<p class="export">
			${ shown } matching. Download:
			<a href="/fleet/sites.csv${ query( filterParams( filter ) ) }"
				>CSV</a
			>
			·
			<a href="/api/v1/sites${ query( filterParams( filter ) ) }">JSON</a>
		</p>
		${ page.sites.length === 0
			? html`<p>No site matches.</p>`
			: html`${ dataTable( {
						label: 'Table of sites',
						caption: 'Sites, newest activity first',
						columns: [
							'Site',
							'State',
							'Plan',
							'Local user',
							'Jetpack',
							'Failing checks',
							'Provisioned by',
							'Last activity',
						],
						rows: page.sites.map( ( r ) => {
							const j = r.report?.jetpack;
							return html`<tr>
								<th scope="row">
									<a
										href="/fleet/site${ query( {
											url: r.site,
										} ) }"
										>${ r.site }</a
									>
								</th>
								<td>${ stateCell( r, now ) }</td>
								<td>${ r.plan ?? '—' }</td>
								<td>${ r.local_user ?? '—' }</td>
								<td>
									${ j === undefined
										? '—'
										: jetpackSummary( j ) }
								</td>
								<td>
									${ r.failing_checks.length === 0
										? '—'
										: r.failing_checks.join( ', ' ) }
								</td>
								<td>${ r.provisioned_by ?? '—' }</td>
								<td>${ formatTime( r.last_event_at ) }</td>
							</tr>`;
						} ),
					} ) }
					<nav aria-label="Pages of sites" class="pager">
						<p>
							Page ${ filter.page } of
							${ page.totalCapped
								? `${ pages }+`
								: pages }${ filter.page > 1
								? html` ·
										<a
											href="${ link( filter.page - 1 ) }"
											rel="prev"
											>Previous page</a
										>`
								: '' }${ filter.page < pages || page.totalCapped
								? html` ·
										<a
											href="${ link( filter.page + 1 ) }"
											rel="next"
											>Next page</a
										>`
								: '' }
						</p>
					</nav>` }
	</section>`;
}

export function fleetPage( d: FleetPageData ): SafeHtml {
	return html`<h1>Jetpack plans across your sites</h1>
		${ d.unwritten > 0
			? html`<p class="notice notice-error">
					The database is not taking writes: ${ d.unwritten } site
					events are waiting and will be written when it is back.
			  </p>`
			: '' }
		${ countsList( d ) } ${ filters( d ) } ${ table( d ) }
		${ provisionForm( d ) }`;
}
