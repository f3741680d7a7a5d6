import { buildApp, type AppDeps, type ServiceState } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { drainAndClose } from './lifecycle.js';
import { RedisIdempotencyStore, RedisNonceStore } from './redis-stores.js';
import { RespClient } from './resp-client.js';

function configOrExit(): Config {
	try {
		return loadConfig(process.env);
	} catch (e) {
		if (e instanceof ConfigError) {
			process.stderr.write(`jetpack-start host service: refusing to start.\n${e.message}\nSee host-service/README.md for every variable.\n`);
			process.exit(78); // EX_CONFIG
		}
		throw e;
	}
}

async function main(): Promise<void> {
	const config = configOrExit();
	const state: ServiceState = { draining: false };
	const deps: AppDeps = { state };
	let redis: RespClient | null = null;
	if (config.redisUrl !== null) {
		redis = new RespClient(config.redisUrl);
		// Fail at start, not on the first customer request, if Redis is unreachable.
		const pong = await redis.command(['PING']);
		if (pong instanceof Error) throw pong;
		deps.nonceStore = new RedisNonceStore(redis);
		// Worst case an attempt makes four upstream calls (token, provision, token refresh,
		// force_register retry); a pending claim must outlive it or a waiter would take over.
		deps.idempotencyStore = new RedisIdempotencyStore(redis, config.upstreamTimeoutMs * 4 + 10_000);
	}
	const app = buildApp(config, deps);
	app.addHook('onClose', async () => {
		await redis?.close();
	});
	let stopping = false;
	const stop = (signal: NodeJS.Signals): void => {
		if (stopping) return;
		stopping = true;
		app.log.info({ signal }, 'shutdown requested');
		drainAndClose(app, state, config.drainDelayMs).then(
			() => process.exit(0),
			(err: unknown) => {
				app.log.error({ err }, 'shutdown failed');
				process.exit(1);
			},
		);
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	// Handlers go in first: a supervisor may signal as soon as it sees the listening line.
	await app.listen({ host: config.host, port: config.port });
}

main().catch((err: unknown) => {
	process.stderr.write(`jetpack-start host service failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
