// Command pulumi-resource-standin is an offline stand-in for Pulumi resource
// provider plugins (gcp, random, ...). It speaks the real ResourceProvider gRPC
// protocol to the real Pulumi engine, but never calls a cloud API: it records
// inputs, synthesises plausible computed outputs, and diffs inputs.
//
// The package it stands in for is taken from the executable's name:
// pulumi-resource-gcp stands in for "gcp", pulumi-resource-random for "random".
// Versions are linked in with
//
//	-ldflags "-X main.pluginVersions=gcp=9.37.0,random=4.21.2"
//
// What it checks: that the program runs, registers resources with the engine,
// produces a plan, that secrets stay secret in state, and that an unchanged
// program diffs to no changes. What it does NOT check: provider-side input
// validation (required fields, enums, formats), real replace-vs-update
// semantics, defaults, API errors, IAM, quotas. Only the real provider does.
package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// pluginVersions is "name=version,name=version", set at link time.
var pluginVersions = ""

func packageName() string {
	base := filepath.Base(os.Args[0])
	base = strings.TrimSuffix(base, ".exe")
	if name, ok := strings.CutPrefix(base, "pulumi-resource-"); ok && name != "" && name != "standin" {
		return name
	}
	if name := os.Getenv("STANDIN_PACKAGE"); name != "" {
		return name
	}
	return "gcp"
}

func packageVersion(name string) string {
	for _, kv := range strings.Split(pluginVersions, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.TrimSpace(k) == name {
			return strings.TrimPrefix(strings.TrimSpace(v), "v")
		}
	}
	return "0.0.0-standin"
}

func main() {
	// The engine may pass these logging flags to every plugin (with --logflow).
	if flag.Lookup("logtostderr") == nil {
		flag.Bool("logtostderr", false, "log to stderr")
	}
	if flag.Lookup("v") == nil {
		flag.Int("v", 0, "log verbosity")
	}
	name := packageName()
	if err := provider.Main(name, func(host *provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &standin{pkg: name, version: packageVersion(name)}, nil
	}); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-%s (stand-in): %v\n", name, err)
		os.Exit(1)
	}
}

type standin struct {
	pulumirpc.UnimplementedResourceProviderServer

	pkg     string
	version string

	mu     sync.Mutex
	config resource.PropertyMap
}

var marshalOpts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true, KeepOutputValues: false}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	return plugin.UnmarshalProperties(s, marshalOpts)
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, marshalOpts)
}

func (p *standin) Handshake(ctx context.Context, req *pulumirpc.ProviderHandshakeRequest) (*pulumirpc.ProviderHandshakeResponse, error) {
	return &pulumirpc.ProviderHandshakeResponse{AcceptSecrets: true, AcceptResources: true, AcceptOutputs: false}, nil
}

func (p *standin) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: p.version}, nil
}

func (p *standin) GetSchema(ctx context.Context, req *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	schema := fmt.Sprintf(`{"name":%q,"version":%q,"description":"offline stand-in provider (no resources described)"}`, p.pkg, p.version)
	return &pulumirpc.GetSchemaResponse{Schema: schema}, nil
}

func (p *standin) CheckConfig(ctx context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *standin) DiffConfig(ctx context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	if len(olds) == 0 {
		if olds, err = unmarshal(req.GetOlds()); err != nil {
			return nil, err
		}
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	ignore := func(k resource.PropertyKey) bool { return k == "version" || strings.HasPrefix(string(k), "__") }
	changed := diffKeys(olds, news, ignore)
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: changed}, nil
}

func (p *standin) Configure(ctx context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	cfg := resource.PropertyMap{}
	for k, v := range req.GetVariables() {
		// "gcp:config:project" -> "project"
		key := k
		if i := strings.LastIndex(k, ":"); i >= 0 {
			key = k[i+1:]
		}
		cfg[resource.PropertyKey(key)] = resource.NewStringProperty(v)
	}
	if args, err := unmarshal(req.GetArgs()); err == nil {
		for k, v := range args {
			cfg[k] = v
		}
	}
	p.mu.Lock()
	p.config = cfg
	p.mu.Unlock()
	return &pulumirpc.ConfigureResponse{
		AcceptSecrets:   true,
		SupportsPreview: true,
		AcceptResources: true,
		AcceptOutputs:   false,
	}, nil
}

func (p *standin) Check(ctx context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// replaceKeys are input names whose change forces a replacement on the real
// GCP provider for (nearly) every resource type. Anything else is an update.
var replaceKeys = map[string]bool{
	"name": true, "project": true, "location": true, "region": true, "zone": true,
	"accountId": true, "secretId": true, "databaseVersion": true, "instance": true,
	"repositoryId": true, "format": true, "secret": true, "secretData": true,
	"keyRing": true, "cryptoKeyId": true, "datasetId": true, "tableId": true,
	"topic": true, "serviceAccountId": true, "network": true, "ipCidrRange": true,
}

func (p *standin) isRandom(typ string) bool {
	return strings.HasPrefix(typ, "random:")
}

func (p *standin) Diff(ctx context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	if req.GetOldInputs() == nil {
		if olds, err = unmarshal(req.GetOlds()); err != nil {
			return nil, err
		}
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	typ := req.GetType()
	if typ == "" {
		typ = string(resource.URN(req.GetUrn()).Type())
	}
	ignore := func(k resource.PropertyKey) bool { return strings.HasPrefix(string(k), "__") }
	changed := diffKeys(olds, news, ignore)
	if len(changed) == 0 {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	var replaces []string
	detailed := map[string]*pulumirpc.PropertyDiff{}
	for _, k := range changed {
		_, inOld := olds[resource.PropertyKey(k)]
		_, inNew := news[resource.PropertyKey(k)]
		replace := p.isRandom(typ) || replaceKeys[k]
		var kind pulumirpc.PropertyDiff_Kind
		switch {
		case !inOld:
			kind = pulumirpc.PropertyDiff_ADD
		case !inNew:
			kind = pulumirpc.PropertyDiff_DELETE
		default:
			kind = pulumirpc.PropertyDiff_UPDATE
		}
		if replace {
			replaces = append(replaces, k)
			kind += 1 // ADD_REPLACE, DELETE_REPLACE, UPDATE_REPLACE follow their plain kinds
		}
		detailed[k] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
	return &pulumirpc.DiffResponse{
		Changes:         pulumirpc.DiffResponse_DIFF_SOME,
		Diffs:           changed,
		Replaces:        replaces,
		DetailedDiff:    detailed,
		HasDetailedDiff: true,
	}, nil
}

// diffKeys returns the sorted top-level keys whose values differ, comparing
// secret and plain values by content (a value turning secret is no change).
func diffKeys(olds, news resource.PropertyMap, ignore func(resource.PropertyKey) bool) []string {
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	var out []string
	for k := range keys {
		if ignore(k) {
			continue
		}
		o, okO := olds[k]
		n, okN := news[k]
		if okO && o.IsNull() {
			okO = false
		}
		if okN && n.IsNull() {
			okN = false
		}
		if !okO && !okN {
			continue
		}
		if okO != okN || n.ContainsUnknowns() || !unsecret(o).DeepEquals(unsecret(n)) {
			out = append(out, string(k))
		}
	}
	sort.Strings(out)
	return out
}

func unsecret(v resource.PropertyValue) resource.PropertyValue {
	switch {
	case v.IsSecret():
		return unsecret(v.SecretValue().Element)
	case v.IsOutput():
		return unsecret(v.OutputValue().Element)
	case v.IsArray():
		arr := make([]resource.PropertyValue, len(v.ArrayValue()))
		for i, e := range v.ArrayValue() {
			arr[i] = unsecret(e)
		}
		return resource.NewArrayProperty(arr)
	case v.IsObject():
		m := resource.PropertyMap{}
		for k, e := range v.ObjectValue() {
			m[k] = unsecret(e)
		}
		return resource.NewObjectProperty(m)
	}
	return v
}

func (p *standin) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	urn := resource.URN(req.GetUrn())
	inputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	typ := req.GetType()
	if typ == "" {
		typ = string(urn.Type())
	}
	name := req.GetName()
	if name == "" {
		name = urn.Name()
	}
	var id string
	var outs resource.PropertyMap
	if p.isRandom(typ) {
		id, outs, err = p.randomCreate(typ, name, inputs, req.GetPreview())
	} else {
		id, outs = p.genericOutputs(typ, name, string(urn), inputs)
		if req.GetPreview() {
			// A bridged provider knows no id before the resource exists either.
			id, outs = "", previewOutputs(inputs, outs)
		}
	}
	if err != nil {
		return nil, err
	}
	props, err := marshal(outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

// previewOutputs answers a preview of a create the way a bridged provider does: what the program
// gave is known, every output the provider computes (an e-mail, a URI, a generated id, a default
// the program did not set) is unknown until the resource exists. Programs and policy packs then
// meet unknown values in an offline preview exactly where they meet them in a real one.
// Optional properties the program did not set stay known (null), as a bridged provider plans them.
func previewOutputs(inputs, outs resource.PropertyMap) resource.PropertyMap {
	preview := resource.PropertyMap{}
	for k := range outs {
		if in, ok := inputs[k]; ok {
			preview[k] = in
			continue
		}
		if outs[k].IsNull() {
			// An optional property the program did not set: known to be absent, as the provider says.
			preview[k] = outs[k]
			continue
		}
		preview[k] = resource.MakeComputed(resource.NewStringProperty(""))
	}
	return preview
}

func (p *standin) Read(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	// No cloud to read from: the recorded state is the truth.
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (p *standin) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	urn := resource.URN(req.GetUrn())
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	typ := req.GetType()
	if typ == "" {
		typ = string(urn.Type())
	}
	name := req.GetName()
	if name == "" {
		name = urn.Name()
	}
	var outs resource.PropertyMap
	if p.isRandom(typ) {
		// Random values never change on update; only their inputs do.
		outs = olds.Copy()
		for k, v := range news {
			outs[k] = v
		}
	} else {
		_, outs = p.genericOutputs(typ, name, string(urn), news)
	}
	props, err := marshal(outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

func (p *standin) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (p *standin) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	project := p.project(args)
	region := p.cfgString("region", "us-central1")
	var out resource.PropertyMap
	switch req.GetTok() {
	case "gcp:organizations/getClientConfig:getClientConfig":
		out = resource.PropertyMap{
			"id":          resource.NewStringProperty(project),
			"project":     resource.NewStringProperty(project),
			"region":      resource.NewStringProperty(region),
			"zone":        resource.NewStringProperty(region + "-a"),
			"accessToken": resource.MakeSecret(resource.NewStringProperty("standin-access-token")),
		}
	case "gcp:organizations/getProject:getProject":
		pid := project
		if v, ok := args["projectId"]; ok && v.IsString() {
			pid = v.StringValue()
		}
		out = resource.PropertyMap{
			"id":        resource.NewStringProperty("projects/" + pid),
			"projectId": resource.NewStringProperty(pid),
			"name":      resource.NewStringProperty(pid),
			"number":    resource.NewStringProperty(projectNumber(pid)),
		}
	default:
		return nil, status.Errorf(codes.Unimplemented,
			"offline stand-in provider %q cannot answer data source %q: it has no cloud to query "+
				"(use the real provider, or avoid this invoke in offline runs)", p.pkg, req.GetTok())
	}
	ret, err := marshal(out)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}

func (p *standin) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

func (p *standin) Attach(ctx context.Context, req *pulumirpc.PluginAttach) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// ---- generic (gcp-like) outputs ----

func (p *standin) cfgString(key, def string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.config[resource.PropertyKey(key)]; ok {
		v = unsecret(v)
		if v.IsString() && v.StringValue() != "" {
			return v.StringValue()
		}
	}
	return def
}

func (p *standin) project(inputs resource.PropertyMap) string {
	if s := str(inputs, "project"); s != "" {
		return s
	}
	if s := os.Getenv("GOOGLE_PROJECT"); s != "" {
		return p.cfgString("project", s)
	}
	return p.cfgString("project", "standin-project")
}

func str(m resource.PropertyMap, key string) string {
	v, ok := m[resource.PropertyKey(key)]
	if !ok {
		return ""
	}
	v = unsecret(v)
	if v.IsString() {
		return v.StringValue()
	}
	return ""
}

func hashOf(parts ...string) []byte {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return h[:]
}

func projectNumber(project string) string {
	n := binary.BigEndian.Uint64(hashOf("project", project)) % 900000000000
	return fmt.Sprintf("%d", 100000000000+n)
}

// setDefault sets key only if the program did not give it.
func setDefault(m resource.PropertyMap, key string, v resource.PropertyValue) {
	if cur, ok := m[resource.PropertyKey(key)]; ok && !cur.IsNull() {
		return
	}
	m[resource.PropertyKey(key)] = v
}

func (p *standin) genericOutputs(typ, name, urn string, inputs resource.PropertyMap) (string, resource.PropertyMap) {
	outs := inputs.Copy()
	project := p.project(inputs)
	region := str(inputs, "region")
	if region == "" {
		region = str(inputs, "location")
	}
	if region == "" {
		region = p.cfgString("region", "us-central1")
	}
	h := hashOf(urn)
	hexid := hex.EncodeToString(h[:5])
	sv := resource.NewStringProperty

	if p.pkg == "gcp" || strings.HasPrefix(typ, "gcp:") {
		setDefault(outs, "project", sv(project))
	}
	resName := str(inputs, "name")
	if resName == "" {
		resName = name
	}
	id := resName

	switch typ {
	case "gcp:serviceaccount/account:Account":
		acct := str(inputs, "accountId")
		if acct == "" {
			acct = name
		}
		email := fmt.Sprintf("%s@%s.iam.gserviceaccount.com", acct, project)
		id = fmt.Sprintf("projects/%s/serviceAccounts/%s", project, email)
		outs["email"] = sv(email)
		outs["member"] = sv("serviceAccount:" + email)
		outs["name"] = sv(id)
		outs["uniqueId"] = sv(fmt.Sprintf("1%020d", binary.BigEndian.Uint64(h)%10000000000000000000))
	case "gcp:cloudrunv2/service:Service", "gcp:cloudrunv2/job:Job":
		setDefault(outs, "name", sv(resName))
		kind := "services"
		if strings.HasSuffix(typ, ":Job") {
			kind = "jobs"
		}
		id = fmt.Sprintf("projects/%s/locations/%s/%s/%s", project, region, kind, resName)
		outs["uid"] = sv(uuidFrom(h))
		outs["etag"] = sv(hexid)
		if kind == "services" {
			uri := fmt.Sprintf("https://%s-%s.a.run.app", resName, projectNumber(project)[:10])
			outs["uri"] = sv(uri)
			outs["urls"] = resource.NewArrayProperty([]resource.PropertyValue{sv(uri)})
			setDefault(outs, "ingress", sv("INGRESS_TRAFFIC_ALL"))
		}
	case "gcp:sql/databaseInstance:DatabaseInstance":
		setDefault(outs, "name", sv(resName))
		id = resName
		outs["connectionName"] = sv(fmt.Sprintf("%s:%s:%s", project, region, resName))
		outs["privateIpAddress"] = sv(fmt.Sprintf("10.%d.%d.%d", h[0], h[1], 2+h[2]%250))
		outs["publicIpAddress"] = sv(fmt.Sprintf("203.0.113.%d", 1+h[3]%250))
		outs["selfLink"] = sv(fmt.Sprintf("https://sqladmin.googleapis.com/sql/v1beta4/projects/%s/instances/%s", project, resName))
		outs["serviceAccountEmailAddress"] = sv(fmt.Sprintf("p%s-%s@gcp-sa-cloud-sql.iam.gserviceaccount.com", projectNumber(project), hexid[:6]))
		setDefault(outs, "region", sv(region))
	case "gcp:sql/database:Database", "gcp:sql/user:User":
		setDefault(outs, "name", sv(resName))
		id = fmt.Sprintf("projects/%s/instances/%s/databases/%s", project, str(inputs, "instance"), resName)
	case "gcp:secretmanager/secret:Secret":
		sid := str(inputs, "secretId")
		if sid == "" {
			sid = name
		}
		id = fmt.Sprintf("projects/%s/secrets/%s", project, sid)
		outs["name"] = sv(fmt.Sprintf("projects/%s/secrets/%s", projectNumber(project), sid))
	case "gcp:secretmanager/secretVersion:SecretVersion":
		secret := str(inputs, "secret")
		id = secret + "/versions/1"
		outs["name"] = sv(id)
		outs["version"] = sv("1")
	case "gcp:storage/bucket:Bucket":
		setDefault(outs, "name", sv(resName))
		outs["url"] = sv("gs://" + resName)
		outs["selfLink"] = sv("https://www.googleapis.com/storage/v1/b/" + resName)
	case "gcp:artifactregistry/repository:Repository":
		rid := str(inputs, "repositoryId")
		if rid == "" {
			rid = name
		}
		id = fmt.Sprintf("projects/%s/locations/%s/repositories/%s", project, region, rid)
		outs["name"] = sv(rid)
	case "gcp:iam/workloadIdentityPool:WorkloadIdentityPool":
		pool := str(inputs, "workloadIdentityPoolId")
		id = fmt.Sprintf("projects/%s/locations/global/workloadIdentityPools/%s", project, pool)
		outs["name"] = sv(fmt.Sprintf("projects/%s/locations/global/workloadIdentityPools/%s", projectNumber(project), pool))
		setDefault(outs, "state", sv("ACTIVE"))
	case "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider":
		pool, prov := str(inputs, "workloadIdentityPoolId"), str(inputs, "workloadIdentityPoolProviderId")
		id = fmt.Sprintf("projects/%s/locations/global/workloadIdentityPools/%s/providers/%s", project, pool, prov)
		outs["name"] = sv(fmt.Sprintf("projects/%s/locations/global/workloadIdentityPools/%s/providers/%s", projectNumber(project), pool, prov))
		setDefault(outs, "state", sv("ACTIVE"))
	case "gcp:projects/iAMCustomRole:IAMCustomRole":
		id = fmt.Sprintf("projects/%s/roles/%s", project, str(inputs, "roleId"))
		outs["name"] = sv(id)
	// ---- github (package "github"): ids as the real provider forms them ----
	case "github:index/repositoryEnvironment:RepositoryEnvironment":
		id = str(inputs, "repository") + ":" + str(inputs, "environment")
	case "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy":
		id = fmt.Sprintf("%s:%s:%d", str(inputs, "repository"), str(inputs, "environment"), binary.BigEndian.Uint32(h)%1000000)
	case "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable":
		id = fmt.Sprintf("%s:%s:%s", str(inputs, "repository"), str(inputs, "environment"), str(inputs, "variableName"))
	case "github:index/repositoryRuleset:RepositoryRuleset":
		n := binary.BigEndian.Uint32(h) % 1000000
		id = fmt.Sprintf("%d", n)
		outs["rulesetId"] = resource.NewNumberProperty(float64(n))
		outs["nodeId"] = sv("RRS_" + hexid)
		outs["etag"] = sv(hexid)
	case "gcp:pubsub/topic:Topic", "gcp:pubsub/subscription:Subscription":
		setDefault(outs, "name", sv(resName))
		kind := "topics"
		if strings.HasSuffix(typ, ":Subscription") {
			kind = "subscriptions"
		}
		id = fmt.Sprintf("projects/%s/%s/%s", project, kind, resName)
	default:
		switch {
		case strings.Contains(typ, "IAMMember") || strings.Contains(typ, "IAMBinding") || strings.Contains(typ, "IAMPolicy") ||
			strings.Contains(typ, "IamMember") || strings.Contains(typ, "IamBinding") || strings.Contains(typ, "IamPolicy"):
			id = fmt.Sprintf("%s/%s", typ, hexid)
			outs["etag"] = sv("BwY" + hexid)
		case strings.HasPrefix(typ, "gcp:compute/"):
			setDefault(outs, "name", sv(resName))
			id = fmt.Sprintf("projects/%s/global/%s/%s", project, strings.ToLower(lastPart(typ))+"s", resName)
			outs["selfLink"] = sv("https://www.googleapis.com/compute/v1/" + id)
		default:
			if _, ok := inputs["name"]; !ok && p.pkg == "gcp" {
				outs["name"] = sv(resName)
			}
			if id == "" {
				id = name + "-" + hexid
			}
		}
	}
	if id == "" {
		id = name + "-" + hexid
	}
	fillShape(typ, outs, hexid)
	outs["id"] = sv(id)
	return id, outs
}

func lastPart(typ string) string {
	if i := strings.LastIndex(typ, ":"); i >= 0 {
		return typ[i+1:]
	}
	return typ
}

func uuidFrom(h []byte) string {
	b := make([]byte, 16)
	copy(b, h)
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ---- random ----

func num(m resource.PropertyMap, key string, def int) int {
	v, ok := m[resource.PropertyKey(key)]
	if !ok {
		return def
	}
	v = unsecret(v)
	if v.IsNumber() {
		return int(v.NumberValue())
	}
	return def
}

func boolean(m resource.PropertyMap, key string, def bool) bool {
	v, ok := m[resource.PropertyKey(key)]
	if !ok {
		return def
	}
	v = unsecret(v)
	if v.IsBool() {
		return v.BoolValue()
	}
	return def
}

func randInt(n int) int {
	if n <= 1 {
		return 0
	}
	x, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		panic(err)
	}
	return int(x.Int64())
}

func randomString(in resource.PropertyMap) string {
	length := num(in, "length", 16)
	const lower, upper, digits = "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
	special := "!@#$%&*()-_=+[]{}<>:?"
	if s := str(in, "overrideSpecial"); s != "" {
		special = s
	}
	type class struct {
		chars string
		on    bool
		min   int
	}
	classes := []class{
		{lower, boolean(in, "lower", true), num(in, "minLower", 0)},
		{upper, boolean(in, "upper", true), num(in, "minUpper", 0)},
		{digits, boolean(in, "numeric", boolean(in, "number", true)), num(in, "minNumeric", 0)},
		{special, boolean(in, "special", true), num(in, "minSpecial", 0)},
	}
	var all string
	var out []byte
	for _, c := range classes {
		if !c.on {
			continue
		}
		all += c.chars
		for i := 0; i < c.min; i++ {
			out = append(out, c.chars[randInt(len(c.chars))])
		}
	}
	if all == "" {
		all = lower
	}
	for len(out) < length {
		out = append(out, all[randInt(len(all))])
	}
	for i := len(out) - 1; i > 0; i-- {
		j := randInt(i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

var petWords = []string{"amused", "brave", "calm", "eager", "gentle", "jolly", "kind", "lively", "proud", "witty",
	"otter", "heron", "lynx", "panda", "koala", "gecko", "bison", "raven", "tapir", "quokka"}

func (p *standin) randomCreate(typ, name string, in resource.PropertyMap, preview bool) (string, resource.PropertyMap, error) {
	outs := in.Copy()
	sv := resource.NewStringProperty
	unknown := resource.MakeComputed(sv(""))
	secret := resource.MakeSecret
	set := func(key string, v resource.PropertyValue, isSecret bool) {
		if preview {
			v = unknown
		}
		if isSecret {
			v = secret(v)
		}
		outs[resource.PropertyKey(key)] = v
	}
	id := ""
	switch typ {
	case "random:index/randomPassword:RandomPassword":
		r := randomString(in)
		set("result", sv(r), true)
		// Not a real bcrypt hash: the stand-in only needs a secret, stable value.
		sum := sha256.Sum256([]byte(r))
		set("bcryptHash", sv("$2a$10$standin"+base64.RawStdEncoding.EncodeToString(sum[:])[:31]), true)
		id = "none"
	case "random:index/randomString:RandomString":
		r := randomString(in)
		set("result", sv(r), false)
		id = r
	case "random:index/randomId:RandomId":
		n := num(in, "byteLength", 8)
		b := make([]byte, n)
		_, _ = rand.Read(b)
		prefix := str(in, "prefix")
		set("hex", sv(prefix+hex.EncodeToString(b)), false)
		set("b64Url", sv(prefix+base64.RawURLEncoding.EncodeToString(b)), false)
		set("b64Std", sv(prefix+base64.StdEncoding.EncodeToString(b)), false)
		set("dec", sv(prefix+new(big.Int).SetBytes(b).String()), false)
		id = base64.RawURLEncoding.EncodeToString(b)
	case "random:index/randomBytes:RandomBytes":
		b := make([]byte, num(in, "length", 32))
		_, _ = rand.Read(b)
		set("base64", sv(base64.StdEncoding.EncodeToString(b)), true)
		set("hex", sv(hex.EncodeToString(b)), true)
		id = "none"
	case "random:index/randomInteger:RandomInteger":
		lo, hi := num(in, "min", 0), num(in, "max", 100)
		r := lo + randInt(hi-lo+1)
		v := resource.NewNumberProperty(float64(r))
		if preview {
			v = unknown
		}
		outs["result"] = v
		id = fmt.Sprintf("%d", r)
	case "random:index/randomUuid:RandomUuid":
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		u := uuidFrom(b)
		set("result", sv(u), false)
		id = u
	case "random:index/randomPet:RandomPet":
		n := num(in, "length", 2)
		sep := "-"
		if s, ok := in["separator"]; ok && s.IsString() {
			sep = s.StringValue()
		}
		var words []string
		if pre := str(in, "prefix"); pre != "" {
			words = append(words, pre)
		}
		for i := 0; i < n; i++ {
			words = append(words, petWords[randInt(len(petWords))])
		}
		id = strings.Join(words, sep)
	case "random:index/randomShuffle:RandomShuffle":
		var items []resource.PropertyValue
		if v, ok := in["inputs"]; ok && v.IsArray() {
			items = append(items, v.ArrayValue()...)
		}
		for i := len(items) - 1; i > 0; i-- {
			j := randInt(i + 1)
			items[i], items[j] = items[j], items[i]
		}
		if c := num(in, "resultCount", len(items)); c < len(items) {
			items = items[:c]
		}
		v := resource.NewArrayProperty(items)
		if preview {
			v = unknown
		}
		outs["results"] = v
		id = "-"
	default:
		return "", nil, status.Errorf(codes.Unimplemented, "offline stand-in provider %q does not know resource type %q", p.pkg, typ)
	}
	fillShape(typ, outs, hex.EncodeToString(hashOf(name)[:5]))
	if preview {
		id = ""
	}
	if id != "" {
		outs["id"] = sv(id)
	}
	return id, outs, nil
}
