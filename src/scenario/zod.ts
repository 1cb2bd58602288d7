import * as z from 'zod';

/**
 * zod as every schema of parley builds it: without its just-in-time parsers. By default zod compiles
 * a parser for each object schema with `new Function` the first time it parses. A scenario is parsed
 * once per process, so that compile costs more than it saves (about 10 ms of `parley run`'s
 * start-up), and generated code is what this project keeps away from untrusted input. zod reads the
 * setting when a schema is built, so every module that builds one imports z from here (a layer rule,
 * .dependency-cruiser.cjs, checks it); error messages are the same either way.
 */
z.config({ jitless: true });

export { z };
