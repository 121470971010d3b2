// Command pulumi-language-nodejs is a small Node.js language host for offline
// use. Upstream's language host (module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not
// served by the module proxy reachable here, so this one implements the parts
// of the LanguageRuntime gRPC service that `pulumi preview`, `pulumi up`,
// `pulumi destroy` and `--policy-pack` need. Program execution itself is done
// by the real Node.js SDK of the program (@pulumi/pulumi/cmd/run, and
// @pulumi/pulumi/cmd/run-policy-pack for policy packs), exactly as upstream's
// host does it: this binary only finds and starts them with the right flags
// and environment.
//
// Not implemented (use the upstream host for these): GenerateProject,
// GenerateProgram, GeneratePackage, Pack, Link, Template, RuntimeOptionsPrompts,
// package managers other than what is already in node_modules (no installs),
// Bun, and the debugger.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is linked in: -X main.version=3.270.0 (the @pulumi/pulumi version it serves).
var version = "0.0.0-standin"

// exit code with which @pulumi/pulumi's run script signals "error already shown to the user".
const nodeExitAfterLoggingUserActionableMessage = 32

func main() {
	// Logging flags the engine may pass (--logtostderr, -v=N); the SDK's logging package
	// usually registers them already.
	if flag.Lookup("logtostderr") == nil {
		flag.Bool("logtostderr", false, "log to stderr")
	}
	if flag.Lookup("v") == nil {
		flag.Int("v", 0, "log verbosity")
	}
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint")
	root := flag.String("root", "", "project root (ignored)")
	flag.Parse()
	_ = root

	args := flag.Args()
	if len(args) < 1 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-language-nodejs [flags] <engine-address>")
		os.Exit(2)
	}
	host := &nodeHost{engineAddress: args[0], tracing: *tracing}

	// Stop serving when the engine goes away (checked every few minutes, like upstream plugins).
	cancel := make(chan bool)
	var once sync.Once
	if err := rpcutil.Healthcheck(context.Background(), host.engineAddress, 5*time.Minute,
		func() { once.Do(func() { close(cancel) }) }); err != nil {
		fmt.Fprintf(os.Stderr, "could not start health check of the engine at %s: %v\n", host.engineAddress, err)
		os.Exit(1)
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not start language host RPC server: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "language host RPC stopped: %v\n", err)
		os.Exit(1)
	}
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	tracing       string
}

func (h *nodeHost) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// programDir picks the directory of the Node.js package of the program.
func programDir(info *pulumirpc.ProgramInfo, pwd string) string {
	if info != nil && info.GetProgramDirectory() != "" {
		return info.GetProgramDirectory()
	}
	if pwd != "" {
		return pwd
	}
	wd, _ := os.Getwd()
	return wd
}

func options(info *pulumirpc.ProgramInfo) map[string]any {
	if info == nil || info.GetOptions() == nil {
		return map[string]any{}
	}
	return info.GetOptions().AsMap()
}

// ---- required plugins / packages: read the "pulumi" stanza of installed packages ----

type pluginStanza struct {
	Resource bool   `json:"resource"`
	Name     string `json:"name"`
	Version  string `json:"version"`
	Server   string `json:"server"`
}

type packageJSON struct {
	Name    string        `json:"name"`
	Version string        `json:"version"`
	Pulumi  *pluginStanza `json:"pulumi"`
}

// nodeModulesDirs returns every node_modules directory Node.js would consult from dir upwards.
func nodeModulesDirs(dir string) []string {
	var out []string
	for d := dir; ; {
		nm := filepath.Join(d, "node_modules")
		if st, err := os.Stat(nm); err == nil && st.IsDir() {
			out = append(out, nm)
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return out
}

func readStanza(pkgDir string) *pluginStanza {
	// Newer packages ship pulumi-plugin.json beside package.json.
	if b, err := os.ReadFile(filepath.Join(pkgDir, "pulumi-plugin.json")); err == nil {
		var s pluginStanza
		if json.Unmarshal(b, &s) == nil && s.Resource {
			if s.Name == "" || s.Version == "" {
				if pb, err := os.ReadFile(filepath.Join(pkgDir, "package.json")); err == nil {
					var p packageJSON
					_ = json.Unmarshal(pb, &p)
					if s.Name == "" {
						s.Name = strings.TrimPrefix(p.Name, "@pulumi/")
					}
					if s.Version == "" {
						s.Version = p.Version
					}
				}
			}
			return &s
		}
	}
	b, err := os.ReadFile(filepath.Join(pkgDir, "package.json"))
	if err != nil {
		return nil
	}
	var p packageJSON
	if json.Unmarshal(b, &p) != nil || p.Pulumi == nil || !p.Pulumi.Resource {
		return nil
	}
	s := *p.Pulumi
	if s.Name == "" {
		s.Name = strings.TrimPrefix(p.Name, "@pulumi/")
	}
	if s.Version == "" {
		s.Version = p.Version
	}
	return &s
}

func scanNodeModules(nm string, depth int, seen map[string]bool, found map[string]*pluginStanza) {
	if depth > 4 {
		return
	}
	entries, err := os.ReadDir(nm)
	if err != nil {
		return
	}
	visit := func(pkgDir string) {
		real, err := filepath.EvalSymlinks(pkgDir)
		if err != nil || seen[real] {
			return
		}
		seen[real] = true
		if s := readStanza(real); s != nil {
			key := s.Name + "@" + s.Version
			if _, ok := found[key]; !ok {
				found[key] = s
			}
		}
		if st, err := os.Stat(filepath.Join(real, "node_modules")); err == nil && st.IsDir() {
			scanNodeModules(filepath.Join(real, "node_modules"), depth+1, seen, found)
		}
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if strings.HasPrefix(name, "@") {
			scoped, err := os.ReadDir(filepath.Join(nm, name))
			if err != nil {
				continue
			}
			for _, s := range scoped {
				visit(filepath.Join(nm, name, s.Name()))
			}
			continue
		}
		visit(filepath.Join(nm, name))
	}
}

func requiredPlugins(dir string) []*pluginStanza {
	seen := map[string]bool{}
	found := map[string]*pluginStanza{}
	for _, nm := range nodeModulesDirs(dir) {
		scanNodeModules(nm, 0, seen, found)
	}
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*pluginStanza, 0, len(keys))
	for _, k := range keys {
		out = append(out, found[k])
	}
	return out
}

func (h *nodeHost) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	var deps []*pulumirpc.PluginDependency
	for _, s := range requiredPlugins(programDir(req.GetInfo(), req.GetPwd())) {
		deps = append(deps, &pulumirpc.PluginDependency{Name: s.Name, Kind: "resource", Version: s.Version, Server: s.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: deps}, nil
}

func (h *nodeHost) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	var deps []*pulumirpc.PackageDependency
	for _, s := range requiredPlugins(programDir(req.GetInfo(), "")) {
		deps = append(deps, &pulumirpc.PackageDependency{Name: s.Name, Kind: "resource", Version: s.Version, Server: s.Server})
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

// ---- finding node and the SDK's entry scripts ----

func nodeExecutable() (string, error) {
	if p := os.Getenv("PULUMI_NODEJS_NODE"); p != "" {
		return p, nil
	}
	p, err := exec.LookPath("node")
	if err != nil {
		return "", errors.New("could not find `node` on PATH: install Node.js")
	}
	return p, nil
}

// resolveSDKScript finds @pulumi/pulumi/<sub> as seen from dir, the way Node.js resolves it.
func resolveSDKScript(node, dir, sub string) (string, error) {
	cmd := exec.Command(node, "-e",
		"process.stdout.write(require.resolve(process.argv[1], {paths:[process.argv[2]]}))",
		"@pulumi/pulumi/"+sub, dir)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil || len(out) == 0 {
		return "", fmt.Errorf("it looks like the Pulumi SDK has not been installed: could not resolve "+
			"@pulumi/pulumi/%s from %s (have you run `npm install`?)", sub, dir)
	}
	return string(out), nil
}

func nodeArgs(opts map[string]any) []string {
	if s, ok := opts["nodeargs"].(string); ok && strings.TrimSpace(s) != "" {
		return strings.Fields(s)
	}
	return nil
}

func typescriptEnv(opts map[string]any) []string {
	env := []string{}
	ts := true
	if b, ok := opts["typescript"].(bool); ok {
		ts = b
	}
	env = append(env, fmt.Sprintf("PULUMI_NODEJS_TYPESCRIPT=%v", ts))
	if s, ok := opts["tsconfig"].(string); ok && s != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+s)
	}
	return env
}

// ---- Run ----

func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := nodeExecutable()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	info := req.GetInfo()
	dir := programDir(info, req.GetPwd())
	opts := options(info)
	runScript, err := resolveSDKScript(node, dir, "cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	entry := "."
	if info != nil && info.GetEntryPoint() != "" {
		entry = info.GetEntryPoint()
	} else if req.GetProgram() != "" {
		entry = req.GetProgram()
	}
	rootDir := dir
	if info != nil && info.GetRootDirectory() != "" {
		rootDir = info.GetRootDirectory()
	}

	args := append([]string{}, nodeArgs(opts)...)
	args = append(args, runScript,
		"--monitor="+req.GetMonitorAddress(),
		"--engine="+h.engineAddress,
		"--project="+req.GetProject(),
		"--stack="+req.GetStack(),
		"--pwd="+dir,
		"--root-directory="+rootDir,
	)
	if req.GetOrganization() != "" {
		args = append(args, "--organization="+req.GetOrganization())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		args = append(args, fmt.Sprintf("--parallel=%d", req.GetParallel()))
	}
	if h.tracing != "" {
		args = append(args, "--tracing="+h.tracing)
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(orEmpty(req.GetConfig()))
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), typescriptEnv(opts)...)
	cmd.Env = append(cmd.Env, "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON))
	if req.GetConfigPropertyMap() != nil {
		if b, err := json.Marshal(req.GetConfigPropertyMap().AsMap()); err == nil {
			_ = b // the Node.js SDK reads PULUMI_CONFIG; the property map is informational here.
		}
	}
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code := exitErr.ExitCode()
			if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited due to a signal: %v", ws.Signal())}, nil
			}
			if code == nodeExitAfterLoggingUserActionableMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// ---- RunPlugin: policy packs (analyzer) and Node.js plugins from source ----

func (h *nodeHost) RunPlugin(req *pulumirpc.RunPluginRequest, srv grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	node, err := nodeExecutable()
	if err != nil {
		return err
	}
	info := req.GetInfo()
	dir := programDir(info, req.GetPwd())
	if info == nil && req.GetProgram() != "" {
		dir = req.GetProgram()
	}
	opts := options(info)
	entry := "."
	if info != nil && info.GetEntryPoint() != "" {
		entry = info.GetEntryPoint()
	}

	var args []string
	args = append(args, nodeArgs(opts)...)
	switch req.GetKind() {
	case "analyzer":
		script, err := resolveSDKScript(node, dir, "cmd/run-policy-pack")
		if err != nil {
			return err
		}
		// usage: run-policy-pack <engine-address> <program>
		args = append(args, script)
		args = append(args, req.GetArgs()...)
		args = append(args, entry)
	default:
		script, err := resolveSDKScript(node, dir, "cmd/run-plugin")
		if err != nil {
			return err
		}
		// usage: run-plugin <program> [args...]
		args = append(args, script, entry)
		args = append(args, req.GetArgs()...)
	}

	cmd := exec.CommandContext(srv.Context(), node, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), req.GetEnv()...)
	cmd.Env = append(cmd.Env, typescriptEnv(opts)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}

	var sendMu sync.Mutex
	send := func(r *pulumirpc.RunPluginResponse) {
		sendMu.Lock()
		defer sendMu.Unlock()
		_ = srv.Send(r)
	}
	var wg sync.WaitGroup
	pump := func(r io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer wg.Done()
		br := bufio.NewReader(r)
		buf := make([]byte, 32*1024)
		for {
			n, err := br.Read(buf)
			if n > 0 {
				chunk := make([]byte, n)
				copy(chunk, buf[:n])
				send(wrap(chunk))
			}
			if err != nil {
				return
			}
		}
	}
	wg.Add(2)
	go pump(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go pump(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	wg.Wait()
	code := 0
	if err := cmd.Wait(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code = exitErr.ExitCode()
		} else {
			return err
		}
	}
	send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
	return nil
}

// ---- small informational RPCs ----

func (h *nodeHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, srv grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	dir := req.GetDirectory()
	if req.GetInfo() != nil && req.GetInfo().GetProgramDirectory() != "" {
		dir = req.GetInfo().GetProgramDirectory()
	}
	node, err := nodeExecutable()
	if err != nil {
		return err
	}
	if _, err := resolveSDKScript(node, dir, "package.json"); err == nil {
		return srv.Send(&pulumirpc.InstallDependenciesResponse{Stdout: []byte("node_modules already present; nothing installed (offline language host)\n")})
	}
	return fmt.Errorf("offline language host does not install dependencies: run `npm ci` in %s", dir)
}

func (h *nodeHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := nodeExecutable()
	if err != nil {
		return nil, err
	}
	out, _ := exec.Command(node, "--version").Output()
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
		Metadata:   map[string]string{"languageHost": "mindmirror offline stand-in"},
	}, nil
}

func (h *nodeHost) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := programDir(req.GetInfo(), req.GetPwd())
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return &pulumirpc.GetProgramDependenciesResponse{}, nil
	}
	var p struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	_ = json.Unmarshal(b, &p)
	var deps []*pulumirpc.DependencyInfo
	for name := range p.Dependencies {
		v := p.Dependencies[name]
		for _, nm := range nodeModulesDirs(dir) {
			if pb, err := os.ReadFile(filepath.Join(nm, name, "package.json")); err == nil {
				var pj packageJSON
				if json.Unmarshal(pb, &pj) == nil && pj.Version != "" {
					v = pj.Version
				}
				break
			}
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: v})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func (h *nodeHost) RuntimeOptionsPrompts(ctx context.Context, req *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

var _ = structpb.NewStruct
