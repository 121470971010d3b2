"use strict";
// Kubernetes-style quantities as Cloud Run and Cloud Functions spell them.
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseCpu = parseCpu;
exports.parseMemoryGib = parseMemoryGib;
const GIB = 1024 ** 3;
const MEMORY_UNITS = {
    "": 1,
    k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12,
    Ki: 1024, Mi: 1024 ** 2, Gi: GIB, Ti: 1024 ** 4,
};
/** "1", "2", "0.5", "1000m" → vCPUs; undefined when unreadable. */
function parseCpu(quantity) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(m?)\s*$/.exec(quantity);
    if (!match)
        return undefined;
    const value = Number(match[1]);
    return match[2] === "m" ? value / 1000 : value;
}
/** "512Mi", "1Gi", "2G", "256M", "1073741824" → GiB; undefined when unreadable. */
function parseMemoryGib(quantity) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([kKMGT]i?|)\s*$/.exec(quantity);
    if (!match || !(match[2] in MEMORY_UNITS))
        return undefined;
    return (Number(match[1]) * MEMORY_UNITS[match[2]]) / GIB;
}
