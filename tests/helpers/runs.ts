// Each stack is run once per test process and shared by the suites that only read it.

import { StackRun, runStack } from "./mocks";

const runs = new Map<string, Promise<StackRun>>();

export function stackRun(stack: "staging" | "production"): Promise<StackRun> {
    let run = runs.get(stack);
    if (!run) {
        run = runStack(stack);
        runs.set(stack, run);
    }
    return run;
}

/** A resource's nested input, by a dotted path with numeric indexes (template.containers.0.envs). */
export function at(value: unknown, path: string): unknown {
    return path.split(".").reduce<unknown>((v, key) => (v === undefined || v === null ? undefined : (v as Record<string, unknown>)[key]), value);
}

export type EnvInput = { name: string; value?: string; valueSource?: { secretKeyRef?: { secret: string; version: string } } };
