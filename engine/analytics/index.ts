export { type ErlangC, erlangC, serversNeeded } from './erlangC.ts';
