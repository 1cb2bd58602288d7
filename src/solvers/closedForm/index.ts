// The proposer's problem in closed form (types.ts): built once per game (build.ts), over a curve
// geometry per party (curve.ts), evaluated slot by slot (slots.ts).
export type { ClosedForm } from './types.js';
export { closedFormOf } from './build.js';
export { curveAt } from './curve.js';
export { anyAcceptable, evaluate, evaluateSlots, offerSlopes, prepare, prepareSlots, utilityAt, valuesAt } from './slots.js';
