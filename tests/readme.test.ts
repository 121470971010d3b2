// The README's diagram is the catalog's: a stale diagram fails here.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { catalog } from "../catalog/catalog";
import { AnyCatalog } from "../catalog/types";
import { catalogDiagram, withDiagram } from "../scripts/diagram";
import { ROOT } from "./helpers/stack-config";

describe("README", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

    it("shows the diagram generated from the catalog (run `npm run diagram` after changing it)", () => {
        assert.strictEqual(withDiagram(readme), readme);
    });

    it("draws every call edge, public entry point and database instance", () => {
        const diagram = catalogDiagram();
        assert.ok(diagram.includes("gateway -->|invoker| agent"));
        assert.ok(diagram.includes("internet --> web"));
        assert.ok(diagram.includes(`pg_main[("main: agent, journal, habits")]`));
        const edges = Object.values((catalog as AnyCatalog).services).reduce((n, s) => n + (s.calls?.length ?? 0), 0);
        assert.strictEqual(diagram.split("\n").filter((l) => l.includes("-->|invoker|")).length, edges);
    });

    it("starts with the two commands a newcomer runs", () => {
        const firstLines = readme.split("\n").slice(0, 12).join("\n");
        assert.match(firstLines, /npm run preview -- staging/);
        assert.match(firstLines, /npm test/);
    });
});
