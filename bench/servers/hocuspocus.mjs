// Hocuspocus as its README starts it: in memory, default options, no extensions.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT), address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`hocuspocus listening on ${server.address.port}`);
