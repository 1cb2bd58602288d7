export { expectedUtilityModel, type EuModel, type EuPartyDef } from './model.js';
export { drawEu, playEu, playExpectedUtility, type EuDraw, type EuRun } from './play.js';
export { playRound, responseTo, type Response, type RoundStep } from './round.js';
export * from './equations.js';
