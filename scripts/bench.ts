// Scale benchmark (not a test): runs the whole program under mocks for catalogs of 10, 100 and
// 1000 services, and a bare program declaring the same resources (same types, counts and inputs)
// with no components, catalog or validation, each in its own process, and prints a table.
//
//   npm run bench                 # sizes 10, 100, 1000
//   npm run bench -- 10 100       # chosen sizes

import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

interface Measurement {
    readonly resources: number;
    readonly ms: number;
    readonly rssMb: number;
}

type Inventory = Array<{ type: string; name: string; custom: boolean; inputs: Record<string, unknown> }>;

async function child(mode: "platform" | "bare", size: number, inventoryFile: string): Promise<void> {
    const pulumi = await import("@pulumi/pulumi");
    const registered: Inventory = [];
    await pulumi.runtime.setMocks({
        newResource: (args) => {
            registered.push({ type: args.type, name: args.name, custom: args.custom !== false, inputs: args.inputs });
            const email = `${args.name}@p.iam.gserviceaccount.com`;
            return { id: `${args.name}-id`, state: { name: args.name, ...args.inputs, uri: "https://x.a.run.app", email, member: `serviceAccount:${email}` } };
        },
        call: () => ({}),
    }, "mindmirror", "staging", false);
    const waitForRPCs = (require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> }).waitForRPCs;
    // Load every module before the clock starts: both programs pay the same import cost.
    const { stackConfig } = await import("../tests/helpers/stack-config");
    const { scaledCatalog, scaledConfig } = await import("./scale-catalog");
    const { runProgram } = await import("../program");
    const packages: Record<string, Record<string, unknown>> = { gcp: await import("@pulumi/gcp"), random: await import("@pulumi/random") };
    // "gcp:cloudrunv2/service:Service" -> gcp.cloudrunv2.Service; "random:index/x:X" -> random.X
    const classOf = (token: string) => {
        const [pkg, mod, name] = token.split(":");
        const ns = mod.startsWith("index") ? packages[pkg] : (packages[pkg][mod.split("/")[0]] as Record<string, unknown>);
        return ns[name] as new (name: string, args: Record<string, unknown>) => unknown;
    };

    let inventory: Inventory = [];
    if (mode === "bare") inventory = JSON.parse(fs.readFileSync(inventoryFile, "utf8")) as Inventory;
    const source = scaledCatalog(size);
    pulumi.runtime.setAllConfig({ ...stackConfig("staging"), ...scaledConfig(source) });

    const start = process.hrtime.bigint();
    if (mode === "platform") {
        runProgram(source);
    } else {
        // The same resources through the same provider classes, flat: no components' logic, no catalog.
        for (const r of inventory) {
            if (r.custom) new (classOf(r.type))(r.name, r.inputs);
            else new pulumi.ComponentResource(r.type, r.name);
        }
    }
    await waitForRPCs();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (mode === "platform") fs.writeFileSync(inventoryFile, JSON.stringify(registered));
    const m: Measurement = { resources: registered.length, ms, rssMb: process.resourceUsage().maxRSS / 1024 };
    process.stdout.write(JSON.stringify(m));
}

function measure(mode: "platform" | "bare", size: number, inventoryFile: string): Measurement {
    const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", __filename, "child", mode, String(size), inventoryFile], {
        cwd: path.resolve(__dirname, ".."),
        maxBuffer: 1 << 26,
        env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=8192" },
    }).toString();
    return JSON.parse(out.slice(out.lastIndexOf("{"))) as Measurement;
}

function main(sizes: number[]): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mindmirror-bench-"));
    const rows: string[] = [];
    rows.push("| services | resources | program ms | bare ms | program ms/res | bare ms/res | ratio | program peak MB | bare peak MB |");
    rows.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const size of sizes) {
        const file = path.join(dir, `inventory-${size}.json`);
        const program = measure("platform", size, file);
        const bare = measure("bare", size, file);
        const per = (m: Measurement) => m.ms / m.resources;
        rows.push(`| ${size} | ${program.resources} | ${program.ms.toFixed(0)} | ${bare.ms.toFixed(0)} | ${per(program).toFixed(2)} | ${per(bare).toFixed(2)} | ${(per(program) / per(bare)).toFixed(2)} | ${program.rssMb.toFixed(0)} | ${bare.rssMb.toFixed(0)} |`);
        if (program.resources !== bare.resources) throw new Error(`bare program declared ${bare.resources} resources, not ${program.resources}`);
        console.error(`size ${size} done`);
    }
    console.log(rows.join("\n"));
    fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === "child") {
    child(process.argv[3] as "platform" | "bare", Number(process.argv[4]), process.argv[5]).catch((e) => {
        console.error(e);
        process.exit(1);
    });
} else {
    const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
    main(sizes.length ? sizes : [10, 100, 1000]);
}
