/**
 * What every release's explanation shares: the entry and explanation types, the collector the
 * stages write into, JSON pointers, the leaf walker the coverage rule is stated over, and the
 * rule codes.
 */
export { unexplainedLeaves } from "./coverage.js";
export { Explainer, type Explanation, type ExplanationEntry, explanationOf, type Location } from "./explainer.js";
export { forEachLeaf, leafPaths } from "./leaves.js";
export { escapeToken, parsePointer, toPointer } from "./pointer.js";
export { RULE_CODES, RULES, type RuleCode, type RuleDescription } from "./rules.js";
