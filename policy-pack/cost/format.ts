// Renders an estimate as a plain-text table, most expensive first, for `npm run cost -- <stack>`.

import { CostEstimate, CostLine } from "./model";

export interface FormatOptions {
    /** Widest the detail column may grow before it is cut with "…". */
    readonly maxDetailWidth?: number;
    /** A budget to compare the total against, printed under the table. */
    readonly capUsd?: number;
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

export function sortLines(lines: readonly CostLine[]): CostLine[] {
    return [...lines].sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.name.localeCompare(b.name));
}

export function formatCostTable(estimate: CostEstimate, options: FormatOptions = {}): string {
    const maxDetail = options.maxDetailWidth ?? 120;
    const rows = sortLines(estimate.lines).map((line) => [
        line.name,
        line.type,
        line.monthlyUsd.toFixed(2),
        cut(line.modelled ? line.detail : `${line.detail} [not modelled]`, maxDetail),
    ]);
    const header = ["Resource", "Type", "USD/month", "Detail"];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const render = (row: string[]): string =>
        [pad(row[0], widths[0]), pad(row[1], widths[1]), padStart(row[2], widths[2]), row[3]].join("  ").trimEnd();
    const rule = widths.map((width, column) => "-".repeat(column === 3 ? Math.min(width, maxDetail) : width)).join("  ");
    const lines = [render(header), rule, ...rows.map(render), rule, render(["Total", "", estimate.total.toFixed(2), ""])];
    if (options.capUsd !== undefined) {
        const verdict = estimate.total <= options.capUsd ? "within" : "OVER";
        lines.push(`Cap ${options.capUsd.toFixed(2)} USD/month: the estimate is ${verdict} the cap (${((estimate.total / options.capUsd) * 100).toFixed(0)}%).`);
    }
    return [...lines, "", ...estimate.notes].join("\n");
}
