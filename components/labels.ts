// One label shape everywhere: app, env, managed-by, plus what the resource belongs to.

import { LABEL_KEYS, MANAGED_BY, StackName } from "../policy-pack/conventions";
import { labelValue } from "../stack/naming";

export type Labels = Readonly<Record<string, string>>;

export const APP = "mindmirror";

export function baseLabels(stack: StackName): Labels {
    return { [LABEL_KEYS.app]: APP, [LABEL_KEYS.env]: stack, [LABEL_KEYS.managedBy]: MANAGED_BY };
}

/** Base labels plus the owner of the resource, each value made label-safe. */
export function withLabels(base: Labels, extra: Readonly<Record<string, string>>): Labels {
    const out: Record<string, string> = { ...base };
    for (const [k, v] of Object.entries(extra)) out[k] = labelValue(v);
    return out;
}
