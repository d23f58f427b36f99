/**
 * The names of a port's methods as a value, so an adapter can be composed from parts at run time
 * (`src/store/compose.ts`) while the type checker keeps the names and the interface equal: the
 * set must name every method of the port (a missing one is a compile error) and nothing else
 * (an extra one is an excess property).
 *
 * @example
 * export const RUN_METHODS: MethodSet<RunPort> = { createRun: true, getRun: true, … };
 */
export type MethodSet<Port> = { readonly [Name in keyof Port]-?: true };
