export type PlanDecision =
	| { ok: true; plan: string }
	| { ok: false; reason: string };

/**
 * Decides which plan a site gets. The site only *asks*; a host wanting per-customer
 * logic (billing tier lookups etc.) passes its own function to buildApp.
 */
export type PlanPolicy = (
	requested: string | null,
	ctx: { site: string; localUser: string }
) => PlanDecision | Promise< PlanDecision >;

export function defaultPlanPolicy(
	defaultPlan: string,
	allowedPlans: readonly string[]
): PlanPolicy {
	const allowed = new Set( [ defaultPlan, ...allowedPlans ] );
	return ( requested ) => {
		if ( requested === null ) {
			return { ok: true, plan: defaultPlan };
		}
		if ( allowed.has( requested ) ) {
			return { ok: true, plan: requested };
		}
		return {
			ok: false,
			reason: `The plan "${ requested }" is not offered by this host.`,
		};
	};
}
