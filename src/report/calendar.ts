/** Round dates are computed in the scenario layer, where validation checks them too. */
export { roundDate } from '../scenario/calendar.js';
