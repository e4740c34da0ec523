export { decodeEvent, encodeEvent, parseEvent } from './codec.ts';
export * from './schema.ts';
