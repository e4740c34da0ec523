export {
  chooseTill,
  type ShopperEmitted,
  type ShopperEvent,
  type ShopperInput,
  shopperMachine,
  type TillOption,
} from './shopper.ts';
export {
  type StaffEmitted,
  type StaffEvent,
  type StaffInput,
  type StaffingPolicy,
  staffMachine,
} from './staff.ts';
export { type Customer, drawServiceMs, type TillEmitted, type TillInput, tillMachine } from './till.ts';
export {
  drawBasket,
  orderStops,
  type PickPoint,
  pickPoints,
  type RouteChoice,
  type Stop,
  shoppingList,
} from './tripPlan.ts';
