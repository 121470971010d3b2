// Validation problems are collected, never thrown one at a time: the user sees every problem at once.

/** One problem in the catalog or the stack config, located by a dotted path. */
export interface Issue {
    /** Where, e.g. `services.agent.resources.memory` or `config mindmirror:budget.amountUsd`. */
    readonly path: string;
    /** What is wrong and what is allowed, as a sentence. */
    readonly message: string;
}

/** Collects issues under a path prefix. */
export class IssueList {
    readonly items: Issue[] = [];

    add(path: string, message: string): void {
        this.items.push({ path, message });
    }

    get ok(): boolean {
        return this.items.length === 0;
    }
}

/** Renders issues for a terminal: one per line, numbered, with a heading that counts them. */
export function formatIssues(title: string, issues: readonly Issue[]): string {
    const lines = issues.map((i, n) => `  ${n + 1}. ${i.path}: ${i.message}`);
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    return `${title} (${count}):\n${lines.join("\n")}`;
}

/** Shows a value in a message the way the user wrote it. */
export function show(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
}
