/**
 * The one seed of every property test and sampled corpus, so a failure reproduces from the
 * file alone. Tests that need several independent streams add a small offset.
 */
export const SEED = 20_201_201;
