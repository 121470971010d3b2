// The cost model's public surface, for the budget policy and the program's `npm run cost` script.
export { estimateMonthlyCost, DEFAULT_COST_OPTIONS, PRICED_TYPES, PRICED_TYPE_TOKENS, isRequestBased, sqlTierShape } from "./model";
export type { CostEstimate, CostLine, CostOptions, CostResource, FreeClass, LineStatus } from "./model";
export { formatCostTable, sortLines, unverifiedShare } from "./format";
export type { FormatOptions } from "./format";
export { FREE_TYPES, CLOUD_PROVIDERS, classify } from "./free";
export * as prices from "./prices";
export { parseCpu, parseMemoryGib } from "./units";
