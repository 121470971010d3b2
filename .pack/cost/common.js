"use strict";
// Shared shapes of the cost model: usage assumptions, charges and lines, and the helpers every
// resource-specific pricer uses.
Object.defineProperty(exports, "__esModule", { value: true });
exports.free = exports.noCharge = exports.unknownAtPreview = exports.unpriced = exports.qty = exports.rate = exports.usd = exports.round2 = exports.COST_OPTION_KEYS = exports.DEFAULT_COST_OPTIONS = void 0;
exports.holdsIn = holdsIn;
exports.charge = charge;
exports.share = share;
exports.numberOr = numberOr;
exports.withUnknowns = withUnknowns;
const props_1 = require("../lib/props");
const prices_1 = require("./prices");
exports.DEFAULT_COST_OPTIONS = {
    hoursPerMonth: prices_1.HOURS_PER_MONTH,
    jobExecutionsPerMonth: 30,
    jobTaskSeconds: 120,
    sqlBackupStorageRatio: 1,
    secretVersionsPerSecret: 1,
    secretAccessesPerMonth: 0,
    natIpCount: 1,
    natDataGib: 10,
    natLogGib: 0.1,
    artifactRegistryGbPerRepository: 5,
    storageGbPerBucket: 1,
    pubsubGibPerTopic: 1,
    pubsubRetainedGib: 0.1,
    logGibPerMonth: 10,
    alertEvaluationSeconds: 30,
    uptimeFreeExecutions: 1_000_000,
    schedulerFreeJobs: 3,
    imagesScannedPerMonth: 40,
    traceSpansPerMonth: 1_000_000,
    armorRequestsPerMonth: 1_000_000,
    logMetricMib: 1,
    spannerStorageGb: 1,
};
/** What each assumption means, for the policy's config schema and the README. */
exports.COST_OPTION_KEYS = Object.keys(exports.DEFAULT_COST_OPTIONS);
const round2 = (value) => Math.round(value * 100) / 100;
exports.round2 = round2;
const usd = (value) => `$${value.toFixed(2)}`;
exports.usd = usd;
/** Unit prices keep their precision: $0.0105/h, not $0.01/h. */
const rate = (value) => `$${+value.toFixed(7)}`;
exports.rate = rate;
/** Quantities without float noise: 2.5, 87600, 0.333. */
const qty = (value) => String(+value.toFixed(3));
exports.qty = qty;
/** Whether a price read for `price.region` holds for a resource in `region` (unset: the default region). */
function holdsIn(price, region) {
    if (region === undefined || price.region === "global" || price.region.startsWith("multi-region"))
        return true;
    if (price.region.startsWith("Cloud Run Tier 1"))
        return prices_1.CLOUD_RUN.tier1Regions.includes(region);
    return price.region === region;
}
/** quantity × price, labelled; unverified when the price is, or when it does not hold for `region`. */
function charge(price, quantity, label, region) {
    return { label, usd: quantity * price.usd, price, verified: price.verification === "verified" && holdsIn(price, region) };
}
/** A charge of a fixed amount computed from a price (allowances, shares of a stack-wide charge). */
function share(price, amount, label, region) {
    return { label, usd: amount, price, verified: price.verification === "verified" && holdsIn(price, region) };
}
const unpriced = (note) => ({ charges: [], note, status: "unpriced" });
exports.unpriced = unpriced;
const unknownAtPreview = (note) => ({ charges: [], note, status: "unknown" });
exports.unknownAtPreview = unknownAtPreview;
const noCharge = (note) => ({ charges: [], note });
exports.noCharge = noCharge;
const free = (reason) => ({ charges: [], free: reason });
exports.free = free;
/** A number read from props, its default when missing, and a remark when it was unknown. */
function numberOr(value, fallback, unknownNotes, what) {
    const found = (0, props_1.num)(value);
    if (found === props_1.UNKNOWN) {
        unknownNotes.push(`${what} unknown at preview, ${fallback} assumed`);
        return fallback;
    }
    return found ?? fallback;
}
function withUnknowns(detail, unknownNotes) {
    return unknownNotes.length > 0 ? `${detail} (${unknownNotes.join("; ")})` : detail;
}
