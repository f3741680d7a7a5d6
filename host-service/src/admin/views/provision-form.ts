import type { FleetPageData } from './fleet-page.js';
import { html, type SafeHtml } from './html.js';

/**
 * The fleet page's form that provisions one site for a new hosting customer (posted with the
 * page's CSRF token and a fresh Idempotency-Key, so a double submit provisions once).
 * @param d
 */
export function provisionForm(
	d: Pick< FleetPageData, 'csrf' | 'formKey' | 'plans' >
): SafeHtml {
	return html`<section aria-labelledby="prov-h">
		<h2 id="prov-h">Provision a site</h2>
		<p>
			For a new hosting customer: the site gets the plan as if its owner
			had asked. The owner still approves the connection on WordPress.com
			when it needs approval.
		</p>
		<form method="post" action="/fleet/provision" class="provision">
			<input type="hidden" name="csrf" value="${ d.csrf }" /><input
				type="hidden"
				name="idempotency_key"
				value="${ d.formKey }"
			/>
			<p>
				<label for="site_url">Site address</label>
				<input
					id="site_url"
					name="site_url"
					type="url"
					required
					placeholder="https://example.com"
					size="34"
				/>
			</p>
			<p>
				<label for="local_user">WordPress login of the owner</label>
				<input
					id="local_user"
					name="local_user"
					required
					maxlength="60"
					autocomplete="off"
				/>
			</p>
			<p>
				<label for="prov_plan">Plan</label>
				<select id="prov_plan" name="plan">
					${ d.plans.map(
						( p ) => html`<option value="${ p }">${ p }</option>`
					) }
				</select>
			</p>
			<p><button type="submit">Provision</button></p>
		</form>
	</section>`;
}
