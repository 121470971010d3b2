// Renders an estimate as a plain-text table, most expensive first, for `npm run cost -- <stack>`:
// every priced line, then what is unpriced or unknown, the share resting on unverified prices,
// and every free class with its reason.

import { CostEstimate, CostLine } from "./model";

export interface FormatOptions {
    /** Widest the detail column may grow before it is cut with "…". */
    readonly maxDetailWidth?: number;
    /** A budget to compare the total against, printed under the table. */
    readonly capUsd?: number;
    /** The most the baseline may be (cap × the policy's maxEstimateRatio), when lower than the cap. */
    readonly limitUsd?: number;
}

function pad(text: string, width: number): string {
    return text.length >= width ? text : text + " ".repeat(width - text.length);
}

function padStart(text: string, width: number): string {
    return text.length >= width ? text : " ".repeat(width - text.length) + text;
}

function cut(text: string, width: number): string {
    return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

const STATUS_ORDER = { unpriced: 0, unknown: 1, priced: 2 } as const;

/** Unpriced and unknown lines first (they need attention), then the most expensive. */
export function sortLines(lines: readonly CostLine[]): CostLine[] {
    return [...lines].sort(
        (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.monthlyUsd - a.monthlyUsd || a.name.localeCompare(b.name),
    );
}

const amount = (line: CostLine): string => (line.status === "priced" ? line.monthlyUsd.toFixed(2) : line.status.toUpperCase());

/** The share of the total resting on unverified prices, as printed. */
export function unverifiedShare(estimate: CostEstimate): string {
    const percent = estimate.total > 0 ? (estimate.unverifiedUsd / estimate.total) * 100 : 0;
    return `${estimate.unverifiedUsd.toFixed(2)} USD of ${estimate.total.toFixed(2)} (${percent.toFixed(1)}%)`;
}

export function formatCostTable(estimate: CostEstimate, options: FormatOptions = {}): string {
    const maxDetail = options.maxDetailWidth ?? 120;
    const rows = sortLines(estimate.lines).map((line) => [line.name, line.type, amount(line), cut(line.detail, maxDetail)]);
    const header = ["Resource", "Type", "USD/month", "Detail"];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const render = (row: string[]): string =>
        [pad(row[0], widths[0]), pad(row[1], widths[1]), padStart(row[2], widths[2]), row[3]].join("  ").trimEnd();
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
    lines.push(
        unpriced.length === 0
            ? "Unpriced: none."
            : `Unpriced (${unpriced.length}, the total is not a bound): ${unpriced.map((line) => `${line.name} (${line.type})`).join(", ")}.`,
    );
    const unknown = estimate.lines.filter((line) => line.status === "unknown");
    if (unknown.length > 0) lines.push(`Unknown until \`pulumi up\` (${unknown.length}): ${unknown.map((line) => line.name).join(", ")}.`);
    const freeCount = estimate.free.reduce((sum, group) => sum + group.count, 0);
    lines.push("", `No charge of their own (${freeCount} resources):`);
    for (const group of estimate.free) lines.push(`  ${group.count} × ${group.reason} [${group.types.join(", ")}]`);
    return [...lines, "", ...estimate.notes].join("\n");
}
