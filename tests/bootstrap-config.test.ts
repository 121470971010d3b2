// The bootstrap stacks' config is read with the platform's declared schema: the committed files
// parse, and a typo at any level is an error naming the key and the closest known one.

import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { parseBootstrapConfig } from "../bootstrap/config";

const BOOTSTRAP_DIR = path.join(__dirname, "..", "bootstrap");

/** A bootstrap stack file's config as the engine hands it: strings, maps as JSON. */
function engineConfig(stack: string): Record<string, string> {
    const doc = yaml.load(fs.readFileSync(path.join(BOOTSTRAP_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

function issuesOf(config: Record<string, string>): string[] {
    return parseBootstrapConfig(config).issues.items.map((i) => `${i.path}: ${i.message}`);
}

describe("bootstrap config", () => {
    for (const stack of ["mindmirror-ci", "mindmirror-staging", "mindmirror-prod"]) {
        it(`reads the committed Pulumi.${stack}.yaml without a problem`, () => {
            const parsed = parseBootstrapConfig(engineConfig(stack));
            assert.deepStrictEqual(parsed.issues.items, []);
            assert.strictEqual(parsed.config?.kind, stack === "mindmirror-ci" ? "ci" : "stack");
        });
    }

    it("names a typo inside github with the closest known key", () => {
        const config = engineConfig("mindmirror-ci");
        const github = JSON.parse(config["bootstrap:github"]) as Record<string, unknown>;
        const { repositoryId, ...rest } = github;
        config["bootstrap:github"] = JSON.stringify({ ...rest, repositoryID: repositoryId });
        assert.deepStrictEqual(issuesOf(config), [
            `config bootstrap:github.repositoryID: is not a setting of bootstrap:github; did you mean "repositoryId"? known: owner, repository, repositoryId, ownerId, reviewers.`,
            `config bootstrap:github.repositoryId: is missing; set it to GitHub's numeric id (gh api repos/<owner>/<repo> --jq '.id, .owner.id'; gh api users/<login> --jq .id).`,
        ]);
    });

    it("refuses a repository id that is not a number, an unknown stack and a stray top-level key", () => {
        const config = engineConfig("mindmirror-ci");
        const github = JSON.parse(config["bootstrap:github"]) as Record<string, unknown>;
        config["bootstrap:github"] = JSON.stringify({ ...github, repositoryId: "mindmirror/mindmirror" });
        const stacks = JSON.parse(config["bootstrap:stacks"]) as Record<string, unknown>;
        config["bootstrap:stacks"] = JSON.stringify({ ...stacks, prod: stacks["production"] });
        config["bootstrap:environment"] = "production";
        const issues = issuesOf(config);
        assert.strictEqual(issues.length, 3, issues.join("\n"));
        assert.match(issues.join("\n"), /config bootstrap:github\.repositoryId: "mindmirror\/mindmirror" is not GitHub's numeric id/);
        assert.match(issues.join("\n"), /config bootstrap:stacks\.prod: is not a setting of bootstrap:stacks; known: staging, production\./);
        assert.match(issues.join("\n"), /config bootstrap:environment: is not a setting of the CI bootstrap; known: kind, github, stacks\./);
    });

    it("refuses a prototype key and a wrong stack name in a project's bootstrap", () => {
        const config = { ...engineConfig("mindmirror-staging"), "bootstrap:env": "stagin", "bootstrap:__proto__": "x" };
        const issues = issuesOf(config);
        assert.deepStrictEqual(issues, [
            `config bootstrap:__proto__: "__proto__" cannot be a key: it names JavaScript's object prototype, not a setting.`,
            `config bootstrap:env: "stagin" is not allowed; did you mean "staging"? use one of staging, production.`,
        ]);
    });
});
