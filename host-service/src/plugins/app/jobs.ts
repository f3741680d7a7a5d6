import fp from 'fastify-plugin';
import { FleetJobs, type JobsOptions } from '../../fleet/jobs/index.js';

declare module 'fastify' {
	// eslint-disable-next-line @typescript-eslint/no-shadow
	interface FastifyInstance {
		/** plugins/app/jobs.ts: null without a database, or with JSC_JOBS=false */
		jobs: FleetJobs | null;
	}
}

/**
 * `app.jobs`: the background work (fleet/jobs) started once the service is ready, stopped
 * (running jobs finish) when it closes, before the database is.
 */
export default fp< JobsOptions >(
	async ( app, opts ) => {
		if ( app.fleet === null || ! app.config.fleet.jobs ) {
			app.decorate( 'jobs', null );
			return;
		}
		const jobs = new FleetJobs( app, opts );
		app.decorate( 'jobs', jobs );
		app.addHook( 'onReady', async () => {
			await jobs.start();
			app.log.info( 'background jobs started' );
		} );
		app.addHook( 'preClose', async () => {
			await jobs.stop();
		} );
	},
	{ name: 'jsc-jobs', dependencies: [ 'jsc-database', 'jsc-wpcom' ] }
);
