import fp from 'fastify-plugin';
import {
	derivedKeyProvider,
	type KeyProvider,
} from '../../lib/key-provider.js';
import { defaultPlanPolicy, type PlanPolicy } from '../../lib/plan-policy.js';
import { HttpWpcomClient, type WpcomClient } from '../../wpcom/client.js';

export interface WpcomPluginOptions {
	wpcom?: WpcomClient;
	keyProvider?: KeyProvider;
	planPolicy?: PlanPolicy;
}

/**
 * The host's side of the partner relationship: `app.wpcom` (WordPress.com's partner API
 * with the host's credentials), `app.keyProvider` (each site's key: derived from the master
 * secret by default) and `app.planPolicy` (which plan a site gets). Hosts replace any of
 * them by passing their own to buildApp.
 */
export default fp< WpcomPluginOptions >(
	async ( app, opts ) => {
		const c = app.config;
		app.decorate(
			'wpcom',
			opts.wpcom ??
				new HttpWpcomClient( {
					baseUrl: c.wpcomBaseUrl,
					clientId: c.partnerClientId,
					clientSecret: c.partnerClientSecret,
					timeoutMs: c.upstreamTimeoutMs,
					partnerTrackingId: c.partnerTrackingId,
					onboarding: c.onboarding,
					forceRegister: c.forceRegister,
				} )
		);
		app.decorate(
			'keyProvider',
			opts.keyProvider ?? derivedKeyProvider( c.masterSecret )
		);
		app.decorate(
			'planPolicy',
			opts.planPolicy ??
				defaultPlanPolicy( c.defaultPlan, c.allowedPlans )
		);
	},
	{ name: 'jsc-wpcom', dependencies: [ 'jsc-env' ] }
);
