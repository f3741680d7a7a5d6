// The two modules of the `xmlrpc` package the simulator uses directly (its client cannot sign).
declare module 'xmlrpc/lib/serializer.js' {
	const Serializer: {
		serializeMethodCall: (
			method: string,
			params: unknown[],
			encoding?: string
		) => string;
	};
	export default Serializer;
}
declare module 'xmlrpc/lib/deserializer.js' {
	import type { Readable } from 'node:stream';
	export default class Deserializer {
		deserializeMethodResponse(
			stream: Readable,
			callback: ( error: unknown, value: unknown ) => void
		): void;
	}
}
