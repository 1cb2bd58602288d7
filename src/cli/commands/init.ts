import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { InputError } from '../../api.js';
import { emit } from '../io.js';

/**
 * The starter scenario `parley init` writes: the shape of scenarios/default.yaml
 * (talks over territory, a security guarantee and aid), cut to two parties
 * who must both sign, with a comment on every field saying what it means and what
 * to write there. tests/init.test.ts checks that it validates and runs.
 */
export const STARTER = `# A starter scenario written by \`parley init\`. Check it with \`parley validate FILE\`,
# run it with \`parley run FILE\`, and tweak it with \`parley run FILE --watch\` (every save re-runs).
# The format: docs/format.md; every field's meaning: \`parley schema\` (editors show it on hover).
name: starter                      # the scenario's id: letters, digits, _ or -
title: "Starter: two sides bargain over land, a security guarantee and aid"
calendar: {start: "2025-08-18", round: 1 week}   # round 1 starts on this day; one offer per week
rounds: 26                         # the observation window: talks still going after it count as no deal
runs: 10000                        # Monte Carlo runs (-n overrides)
seed: 1                            # the random seed (-s overrides); printed with every result

# What is negotiated. A numeric issue has a range; an options issue lists its options in order.
issues:
  territory:
    range: [0, 1]                  # share of the occupied land returned: 0 = the current line, 1 = all of it
  security:
    options: [none, monitoring, guarantee]
  aid:
    options: [ended, conditional, sustained]

# Who negotiates. Each party weighs the issues, has an ideal (or a utility per issue), a value of
# no deal (reservation), patience (discount per round), a veto or not, and bargaining power.
# A number can be a distribution, drawn once per run: {uniform: [a, b]}, {normal: [mean, sd]},
# {triangular: [low, mode, high]} or {beta: [a, b]} (a range in words such as "0.3 to 0.5" is not read).
parties:
  north:
    ideal: {territory: 1}                          # wants all the land back
    weights: {territory: 0.5, security: 0.35, aid: 0.15}   # normalised to sum to 1
    utility:
      territory: "x^0.7"                           # a mathjs expression of x; ^ is a power
      security: {values: {none: 0, monitoring: 0.3, guarantee: 1}}
      aid: {values: {ended: 0, conditional: 0.5, sustained: 1}}
    reservation: {uniform: [0.3, 0.5]}             # its utility of no deal, per round
    discount: {uniform: [0.99, 0.998]}             # weekly patience: 0.99 to 0.998
    veto: true                                     # every deal needs its signature
    power: 0.4                                     # how often it proposes (shares of power)
    strategy: rational                             # stationary subgame-perfect play
  south:
    ideal: {territory: 0}
    weights: {territory: 0.6, security: 0.3, aid: 0.1}
    utility:
      territory: "(1 - x)^1.5"
      security: {values: {none: 1, monitoring: 0.7, guarantee: {uniform: [0.1, 0.4]}}}
      aid: {values: {ended: 1, conditional: 0.6, sustained: 0}}
    reservation: {uniform: [0.5, 0.8]}
    discount: {uniform: [0.99, 0.998]}
    veto: true
    power: 0.4
  # A third party is one more entry here, e.g. a broker with veto: false (consulted, its
  # signature not needed); every party needs weights, and an ideal or a utility per weighed issue.

# Who proposes when: here proposers are drawn each round in proportion to power.
mechanism:
  kind: alternating-offers

# Where each number comes from (\`parley ledger FILE\` prints it): a source's claim, an assumption or
# a judgement, by the field's dotted path.
provenance:
  parties: {judgement: "a starter: every number is a placeholder to replace with your own reasoning"}
`;

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented starter scenario (two parties, three issues) to edit, validate and run')
    .argument('[file]', 'the file to write', 'scenario.yaml')
    .option('--force', 'overwrite the file if it exists')
    .action((file: string, o: { force?: boolean }) => {
      if (existsSync(file) && !o.force) throw new InputError(`${file} exists; give another name, or --force to overwrite it`);
      emit(STARTER, file);
      process.stderr.write(`wrote ${file}: try \`parley validate ${file}\`, then \`parley run ${file} --watch -n 2000\`\n`);
    });
}
