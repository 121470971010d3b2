// The cost model's public surface, for the budget policy and the program's `npm run cost` script.
export { estimateMonthlyCost, DEFAULT_COST_OPTIONS, isRequestBased, sqlTierShape } from "./model";
export type { CostEstimate, CostLine, CostOptions, CostResource } from "./model";
export { formatCostTable, sortLines } from "./format";
export type { FormatOptions } from "./format";
export * as prices from "./prices";
export { parseCpu, parseMemoryGib } from "./units";
