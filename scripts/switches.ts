// The cost of each feature switch, per stack: the program run under mocks with the switch flipped
// from the stack's own Pulumi.<stack>.yaml, priced by the policy pack's cost model, minus the
// stack's baseline. `npm run cost -- --readme` writes the table into README.md (a test fails
// when it is stale).

import { warmShare } from "../components/scheduled-scaling";
import { runStack } from "../tests/helpers/mocks";
import { STACKS, Stack, estimateOf } from "./cost";

const json = (value: unknown) => JSON.stringify(value);
const REQUEST_SERVING = ["agent", "journal", "habits", "meals", "movements", "practices", "users", "gateway", "web"];
const OPERATORS = { enabled: true, members: ["group:platform-operators@mindmirror.app"] };
const EDGE = { enabled: true, domain: "mindmirror.app" };
export const DEFAULT_OFF_HOURS = { lowerAt: "0 20 * * *", raiseAt: "0 7 * * 1-5" };

export interface Switch {
    readonly what: string;
    /** The change, as written in Pulumi.<stack>.yaml. */
    readonly setting: string;
    /** Config per stack; a stack without one shows no figure (the switch does not apply there). */
    readonly config: Partial<Record<Stack, Record<string, string>>>;
}

export const SWITCHES: readonly Switch[] = [
    { what: "Documents bucket off", setting: "`documents.enabled: false`", config: { staging: { "mindmirror:documents": json({ enabled: false }) }, production: { "mindmirror:documents": json({ enabled: false }) } } },
    { what: "Redis on (Memorystore BASIC 1 GB)", setting: "`redis.enabled: true`", config: { staging: { "mindmirror:redis": json({ enabled: true }) }, production: { "mindmirror:redis": json({ enabled: true }) } } },
    { what: "Gateway cold too (no warm service)", setting: "`warmInstances.services: []`", config: { production: { "mindmirror:warmInstances": json({ services: [] }) } } },
    { what: "No cold start anywhere (9 request-serving services warm)", setting: "`warmInstances.services: [agent, …, web]`", config: { production: { "mindmirror:warmInstances": json({ services: REQUEST_SERVING }) } } },
    { what: "Scheduled scaling of the warm gateway (model: declared minimum, 2 jobs)", setting: "`warmInstances.offHours: {}`", config: { production: { "mindmirror:warmInstances": json({ services: ["gateway"], offHours: {} }) } } },
    { what: "Login (IAP) off / on", setting: "`login.enabled`", config: { staging: { "mindmirror:login": json({ enabled: false }) }, production: { "mindmirror:login": json({ enabled: true, members: ["group:mindmirror-team@mindmirror.app"] }) } } },
    { what: "Operator database access on (e2-micro, IAP)", setting: "`operatorAccess.enabled: true`", config: { staging: { "mindmirror:operatorAccess": json(OPERATORS) }, production: { "mindmirror:operatorAccess": json(OPERATORS) } } },
    { what: "HTTPS edge on (LB, Cloud Armor, CDN)", setting: "`edge.enabled: true`", config: { staging: { "mindmirror:edge": json(EDGE), "mindmirror:login": json({ enabled: false }) }, production: { "mindmirror:edge": json(EDGE) } } },
];

export type SwitchFigures = ReadonlyArray<{ readonly sw: Switch; readonly delta: Partial<Record<Stack, number>>; readonly total: Partial<Record<Stack, number>> }>;

/** Runs every switch in every stack it applies to. */
export async function switchFigures(baseline: Readonly<Record<Stack, number>>): Promise<SwitchFigures> {
    const out = [];
    for (const sw of SWITCHES) {
        const delta: Partial<Record<Stack, number>> = {};
        const total: Partial<Record<Stack, number>> = {};
        for (const stack of STACKS) {
            const config = sw.config[stack];
            if (!config) continue;
            const estimate = estimateOf(stack, await runStack(stack, { config }));
            total[stack] = estimate.total;
            delta[stack] = round2(estimate.total - baseline[stack]);
        }
        out.push({ sw, delta, total });
    }
    return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const signed = (n: number) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(2)}`;

/** The README's table of switches, with the saving scheduled scaling would bring at its default schedule. */
export function switchTable(figures: SwitchFigures): string {
    const cell = (f: SwitchFigures[number], stack: Stack) => (f.delta[stack] === undefined ? "—" : `${signed(f.delta[stack]!)} (${f.total[stack]!.toFixed(2)})`);
    const rows = figures.map((f) => `| ${f.sw.what} | ${f.sw.setting} | ${cell(f, "staging")} | ${cell(f, "production")} |`);
    const cold = figures.find((f) => f.sw.setting === "`warmInstances.services: []`")?.delta.production ?? 0;
    const share = warmShare(DEFAULT_OFF_HOURS.lowerAt, DEFAULT_OFF_HOURS.raiseAt);
    const saving = round2(-cold * (1 - share));
    return [
        "| switch (USD/month: change (stack total)) | setting | staging | production |",
        "|---|---|---:|---:|",
        ...rows,
        `| Scheduled scaling, what it saves at the default schedule (warm ${Math.round(share * 168)} of 168 h a week) | \`warmInstances.offHours: {}\` | — | ${signed(-saving)} (not in the model) |`,
    ].join("\n");
}

export const SWITCHES_BEGIN = "<!-- switches:begin (generated by `npm run cost -- --readme` from both stacks with each switch flipped) -->";
export const SWITCHES_END = "<!-- switches:end -->";
