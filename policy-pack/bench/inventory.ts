// Writes the resources a scaled MindMirror stack registers (type, name, URN, inputs) to a JSON
// file, by running the real program under mocks. The analyzer benchmark replays that file, so the
// slow part (running the program) is paid once per size.
//
//   npx ts-node --transpile-only policy-pack/bench/inventory.ts <services> <stack> <out.json>

import * as fs from "fs";

export interface InventoryEntry {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly custom: boolean;
    readonly props: Record<string, unknown>;
}

async function main(size: number, stack: string, out: string): Promise<void> {
    const pulumi = await import("@pulumi/pulumi");
    const registered: InventoryEntry[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.push({
                    type: args.type,
                    name: args.name,
                    urn: `urn:pulumi:${stack}::mindmirror::${args.type}::${args.name}`,
                    custom: args.custom !== false,
                    props: args.inputs,
                });
                const email = `${args.name}@p.iam.gserviceaccount.com`;
                return { id: `${args.name}-id`, state: { name: args.name, ...args.inputs, uri: "https://x.a.run.app", email, member: `serviceAccount:${email}` } };
            },
            call: () => ({}),
        },
        "mindmirror",
        stack,
        false,
    );
    const waitForRPCs = (require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> }).waitForRPCs;
    const { stackConfig } = await import("../../tests/helpers/stack-config");
    const { scaledCatalog, scaledConfig } = await import("../../scripts/scale-catalog");
    const { runProgram } = await import("../../program");
    const source = scaledCatalog(size);
    pulumi.runtime.setAllConfig({ ...stackConfig(stack), ...scaledConfig(source) });
    runProgram(source);
    await waitForRPCs();
    fs.writeFileSync(out, JSON.stringify(registered));
    console.error(`${registered.length} registrations (${registered.filter((entry) => entry.custom).length} custom) written to ${out}`);
}

main(Number(process.argv[2] ?? 1000), process.argv[3] ?? "production", process.argv[4] ?? "/tmp/inventory.json").catch((error) => {
    console.error(error);
    process.exit(1);
});
