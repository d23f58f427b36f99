/**
 * The synthetic population's random stream tags (src/prng.ts derives one stream per tag and
 * index): each generation phase and each person's credit-event history has its own, so
 * changing one phase leaves the others' output unchanged and `eventsOf(pop, seq)` needs no
 * other person's draws.
 */
/** Stream tags: one per generation phase (any distinct integers would do). */
export const STREAMS = {
  persons: 1,
  communities: 2,
  friendships: 3,
  ties: 4,
  transactions: 5,
  risk: 6,
  outcomes: 7,
  events: 8,
} as const;
