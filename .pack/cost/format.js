"use strict";
// Renders an estimate as a plain-text table, most expensive first, for `npm run cost -- <stack>`:
// every priced line, then what is unpriced or unknown, the share resting on unverified prices,
// and every free class with its reason.
Object.defineProperty(exports, "__esModule", { value: true });
exports.sortLines = sortLines;
exports.unverifiedShare = unverifiedShare;
exports.formatCostTable = formatCostTable;
function pad(text, width) {
    return text.length >= width ? text : text + " ".repeat(width - text.length);
}
function padStart(text, width) {
    return text.length >= width ? text : " ".repeat(width - text.length) + text;
}
function cut(text, width) {
    return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
const STATUS_ORDER = { unpriced: 0, unknown: 1, priced: 2 };
/** Unpriced and unknown lines first (they need attention), then the most expensive. */
function sortLines(lines) {
    return [...lines].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.monthlyUsd - a.monthlyUsd || a.name.localeCompare(b.name));
}
const amount = (line) => (line.status === "priced" ? line.monthlyUsd.toFixed(2) : line.status.toUpperCase());
/** The share of the total resting on unverified prices, as printed. */
function unverifiedShare(estimate) {
    const percent = estimate.total > 0 ? (estimate.unverifiedUsd / estimate.total) * 100 : 0;
    return `${estimate.unverifiedUsd.toFixed(2)} USD of ${estimate.total.toFixed(2)} (${percent.toFixed(1)}%)`;
}
function formatCostTable(estimate, options = {}) {
    const maxDetail = options.maxDetailWidth ?? 120;
    const rows = sortLines(estimate.lines).map((line) => [line.name, line.type, amount(line), cut(line.detail, maxDetail)]);
    const header = ["Resource", "Type", "USD/month", "Detail"];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const render = (row) => [pad(row[0], widths[0]), pad(row[1], widths[1]), padStart(row[2], widths[2]), row[3]].join("  ").trimEnd();
    const rule = widths.map((width, column) => "-".repeat(column === 3 ? Math.min(width, maxDetail) : width)).join("  ");
    const lines = [render(header), rule, ...rows.map(render), rule, render(["Total", "", estimate.total.toFixed(2), ""])];
    if (options.capUsd !== undefined) {
        const limit = options.limitUsd ?? options.capUsd;
        const against = limit === options.capUsd ? "the cap" : `the baseline limit of ${limit.toFixed(2)}`;
        const verdict = estimate.total <= limit ? "within" : "OVER";
        lines.push(`Cap ${options.capUsd.toFixed(2)} USD/month: the estimate is ${verdict} ${against} (${((estimate.total / limit) * 100).toFixed(0)}%).`);
    }
    lines.push(`Resting on unverified prices: ${unverifiedShare(estimate)}.`);
    const unpriced = estimate.lines.filter((line) => line.status === "unpriced");
    lines.push(unpriced.length === 0
        ? "Unpriced: none."
        : `Unpriced (${unpriced.length}, the total is not a bound): ${unpriced.map((line) => `${line.name} (${line.type})`).join(", ")}.`);
    const unknown = estimate.lines.filter((line) => line.status === "unknown");
    if (unknown.length > 0)
        lines.push(`Unknown until \`pulumi up\` (${unknown.length}): ${unknown.map((line) => line.name).join(", ")}.`);
    const freeCount = estimate.free.reduce((sum, group) => sum + group.count, 0);
    lines.push("", `No charge of their own (${freeCount} resources):`);
    for (const group of estimate.free)
        lines.push(`  ${group.count} × ${group.reason} [${group.types.join(", ")}]`);
    return [...lines, "", ...estimate.notes].join("\n");
}
