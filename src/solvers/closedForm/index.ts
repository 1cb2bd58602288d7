// The proposer's problem in closed form (types.ts): built once per game (build.ts), over each party's
// curve (curve.ts) and its level sets, the responders' acceptable intervals (levels.ts), evaluated
// slot by slot (slots.ts).
export type { ClosedForm } from './types.js';
export { closedFormOf } from './build.js';
export { curveAt } from './curve.js';
export { prepare, prepareSlots } from './levels.js';
export { anyAcceptable, evaluate, evaluateSlots, offerSlopes, utilityAt, valuesAt } from './slots.js';
