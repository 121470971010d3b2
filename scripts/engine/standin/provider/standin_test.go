package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func TestDeclarationFile(t *testing.T) {
	for typ, want := range map[string]string{
		"gcp:cloudrunv2/service:Service":             "cloudrunv2/service.d.ts",
		"random:index/randomPassword:RandomPassword": "randomPassword.d.ts",
	} {
		_, rel, _, ok := declarationFile(typ)
		if !ok || rel != want {
			t.Errorf("declarationFile(%q) = %q, %v; want %q", typ, rel, ok, want)
		}
	}
}

func TestParseDeclarationFromInstalledSDK(t *testing.T) {
	path, _ := filepath.Abs("../../../../node_modules/@pulumi/gcp/monitoring/uptimeCheckConfig.d.ts")
	if _, err := os.Stat(path); err != nil {
		t.Skip("@pulumi/gcp not installed beside the repository")
	}
	shape := parseDeclaration(path, "UptimeCheckConfig")
	byName := map[string]propShape{}
	for _, p := range shape {
		byName[p.name] = p
	}
	id, ok := byName["uptimeCheckId"]
	if !ok || id.tsType != "string" || id.optional || id.isInput {
		t.Fatalf("uptimeCheckId parsed as %+v (ok=%v)", id, ok)
	}
	if p := byName["selectedRegions"]; !p.optional || !p.isInput {
		t.Fatalf("selectedRegions parsed as %+v", p)
	}
	if p := byName["userLabels"]; p.name == "" || !p.optional {
		t.Fatalf("multi-line userLabels parsed as %+v", p)
	}
}

func TestDiffKeysSecretsAndNulls(t *testing.T) {
	olds := resource.PropertyMap{
		"a": resource.NewStringProperty("x"),
		"b": resource.MakeSecret(resource.NewStringProperty("s")),
		"c": resource.NewNullProperty(),
	}
	news := resource.PropertyMap{
		"a": resource.NewStringProperty("x"),
		"b": resource.NewStringProperty("s"),
	}
	if got := diffKeys(olds, news, func(resource.PropertyKey) bool { return false }); len(got) != 0 {
		t.Fatalf("expected no changes, got %v", got)
	}
	news["a"] = resource.NewStringProperty("y")
	if got := diffKeys(olds, news, func(resource.PropertyKey) bool { return false }); len(got) != 1 || got[0] != "a" {
		t.Fatalf("expected [a], got %v", got)
	}
}

func TestRandomPasswordHonoursClasses(t *testing.T) {
	in := resource.PropertyMap{
		"length":  resource.NewNumberProperty(40),
		"special": resource.NewBoolProperty(false),
		"upper":   resource.NewBoolProperty(false),
	}
	s := randomString(in)
	if len(s) != 40 {
		t.Fatalf("length %d", len(s))
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			t.Fatalf("unexpected character %q in %q", c, s)
		}
	}
}

func TestPreviewOutputsAreUnknownUnlessGiven(t *testing.T) {
	inputs := resource.PropertyMap{"name": resource.NewStringProperty("journal"), "location": resource.NewStringProperty("us-central1")}
	outs := inputs.Copy()
	outs["uri"] = resource.NewStringProperty("https://journal.a.run.app")
	outs["project"] = resource.NewStringProperty("standin-project")
	preview := previewOutputs(inputs, outs)
	if !preview["name"].IsString() || preview["name"].StringValue() != "journal" {
		t.Fatalf("a given input must stay known: %v", preview["name"])
	}
	for _, key := range []resource.PropertyKey{"uri", "project"} {
		if !preview[key].IsComputed() {
			t.Fatalf("%s must be unknown at preview: %v", key, preview[key])
		}
	}
}

func TestGitHubPackageIdsAndNoGcpDefaults(t *testing.T) {
	p := &standin{pkg: "github"}
	in := resource.PropertyMap{
		"repository":  resource.NewStringProperty("mindmirror"),
		"environment": resource.NewStringProperty("staging"),
	}
	id, outs := p.genericOutputs("github:index/repositoryEnvironment:RepositoryEnvironment", "github-staging", "urn:x", in)
	if id != "mindmirror:staging" {
		t.Fatalf("environment id %q", id)
	}
	if _, ok := outs["project"]; ok {
		t.Fatalf("a github resource got a gcp project output: %v", outs)
	}
	in = resource.PropertyMap{"repository": resource.NewStringProperty("mindmirror")}
	if _, outs = p.genericOutputs("github:index/repositoryRuleset:RepositoryRuleset", "github-main", "urn:y", in); !outs["rulesetId"].IsNumber() {
		t.Fatalf("ruleset without a numeric rulesetId: %v", outs)
	}
}

func TestWorkloadIdentityPoolNameUsesProjectNumber(t *testing.T) {
	p := &standin{pkg: "gcp"}
	in := resource.PropertyMap{
		"project":                resource.NewStringProperty("mindmirror-ci"),
		"workloadIdentityPoolId": resource.NewStringProperty("github-actions"),
	}
	_, outs := p.genericOutputs("gcp:iam/workloadIdentityPool:WorkloadIdentityPool", "ci-pool", "urn:z", in)
	want := "projects/" + projectNumber("mindmirror-ci") + "/locations/global/workloadIdentityPools/github-actions"
	if got := outs["name"].StringValue(); got != want {
		t.Fatalf("pool name %q, want %q", got, want)
	}
}
