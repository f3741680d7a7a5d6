import { connect, type Socket } from 'node:net';

export type RespValue = string | number | null | RespValue[] | Error;

/**
 * A deliberately tiny Redis client (RESP2 over one TCP connection, pipelined), so the
 * service needs no extra npm dependency for the handful of commands the stores use.
 */
export class RespClient {
	private socket: Socket | null = null;
	private buffer = Buffer.alloc(0);
	private readonly queue: { resolve: (v: RespValue) => void; reject: (e: Error) => void }[] = [];
	private connecting: Promise<void> | null = null;
	private closed = false;

	constructor(private readonly url: string) {}

	async command(args: readonly (string | number)[]): Promise<RespValue> {
		await this.ensureConnected();
		const socket = this.socket;
		if (socket === null) throw new Error('redis: not connected');
		let out = `*${args.length}\r\n`;
		for (const a of args) {
			const s = String(a);
			out += `$${Buffer.byteLength(s)}\r\n${s}\r\n`;
		}
		return new Promise<RespValue>((resolve, reject) => {
			this.queue.push({ resolve, reject });
			socket.write(out);
		});
	}

	async close(): Promise<void> {
		this.closed = true;
		const s = this.socket;
		this.socket = null;
		if (s !== null) await new Promise<void>((r) => s.end(() => r()));
	}

	private ensureConnected(): Promise<void> {
		if (this.socket !== null) return Promise.resolve();
		if (this.closed) return Promise.reject(new Error('redis: client closed'));
		this.connecting ??= this.open().finally(() => {
			this.connecting = null;
		});
		return this.connecting;
	}

	private async open(): Promise<void> {
		const u = new URL(this.url);
		const socket = await new Promise<Socket>((resolve, reject) => {
			const s = connect({ host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) });
			s.once('connect', () => resolve(s));
			s.once('error', reject);
		});
		socket.setNoDelay(true);
		socket.on('data', (chunk: Buffer) => this.onData(chunk));
		const fail = (e: Error): void => {
			this.socket = null;
			for (const p of this.queue.splice(0)) p.reject(e);
		};
		socket.on('error', fail);
		socket.on('close', () => fail(new Error('redis: connection closed')));
		this.socket = socket;
		const password = decodeURIComponent(u.password);
		if (password !== '') {
			const user = decodeURIComponent(u.username);
			const r = await this.command(user === '' ? ['AUTH', password] : ['AUTH', user, password]);
			if (r instanceof Error) throw r;
		}
		const db = u.pathname.replace(/^\//, '');
		if (db !== '') {
			const r = await this.command(['SELECT', db]);
			if (r instanceof Error) throw r;
		}
	}

	private onData(chunk: Buffer): void {
		this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
		for (;;) {
			const parsed = parse(this.buffer, 0);
			if (parsed === null) return;
			this.buffer = this.buffer.subarray(parsed.end);
			this.queue.shift()?.resolve(parsed.value);
		}
	}
}

function parse(buf: Buffer, start: number): { value: RespValue; end: number } | null {
	const lineEnd = buf.indexOf('\r\n', start);
	if (lineEnd === -1) return null;
	const type = String.fromCharCode(buf[start] ?? 0);
	const line = buf.toString('utf8', start + 1, lineEnd);
	const next = lineEnd + 2;
	switch (type) {
		case '+':
			return { value: line, end: next };
		case '-':
			return { value: new Error(line), end: next };
		case ':':
			return { value: Number(line), end: next };
		case '$': {
			const len = Number(line);
			if (len < 0) return { value: null, end: next };
			if (buf.length < next + len + 2) return null;
			return { value: buf.toString('utf8', next, next + len), end: next + len + 2 };
		}
		case '*': {
			const n = Number(line);
			if (n < 0) return { value: null, end: next };
			const items: RespValue[] = [];
			let pos = next;
			for (let i = 0; i < n; i++) {
				const item = parse(buf, pos);
				if (item === null) return null;
				items.push(item.value);
				pos = item.end;
			}
			return { value: items, end: pos };
		}
		default:
			throw new Error(`redis: unexpected reply type ${JSON.stringify(type)}`);
	}
}
