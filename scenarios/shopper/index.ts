export { type Customer, drawServiceMs, type TillEmitted, type TillInput, tillMachine } from './till.ts';
