package main

// The stand-in has no provider schema. It learns the output properties of a
// resource type from the TypeScript declarations of the installed Node.js SDK
// (node_modules/@pulumi/<pkg>/<module>/<resource>.d.ts) so that it can return
// every output property the real provider would. That matters: during a
// preview the Node.js SDK turns any output property missing from state into an
// unknown value, so a missing computed output (e.g. UptimeCheckConfig's
// uptimeCheckId) would make an unchanged program preview as changed forever.

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

type propShape struct {
	name     string
	tsType   string // e.g. "string", "outputs.x.Y[] | undefined"
	optional bool   // type includes "| undefined"
	isInput  bool   // also declared on the <Name>Args interface
}

var (
	shapeMu    sync.Mutex
	shapeCache = map[string][]propShape{}

	readonlyRe = regexp.MustCompile(`^    readonly (\w+)\??: pulumi\.Output<(.*)$`)
	argRe      = regexp.MustCompile(`^    (\w+)\??: `)
)

// nodeModulesRoots lists node_modules directories from the plugin's working
// directory (the Pulumi project) upwards, plus STANDIN_NODE_MODULES.
func nodeModulesRoots() []string {
	var out []string
	if env := os.Getenv("STANDIN_NODE_MODULES"); env != "" {
		out = append(out, filepath.SplitList(env)...)
	}
	wd, err := os.Getwd()
	if err != nil {
		return out
	}
	for d := wd; ; {
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

// declarationFile maps "gcp:cloudrunv2/service:Service" to "cloudrunv2/service.d.ts"
// and "random:index/randomPassword:RandomPassword" to "randomPassword.d.ts".
func declarationFile(typ string) (pkg, rel, class string, ok bool) {
	parts := strings.Split(typ, ":")
	if len(parts) != 3 {
		return "", "", "", false
	}
	pkg, mod, class := parts[0], parts[1], parts[2]
	modDir, file, found := strings.Cut(mod, "/")
	if !found {
		return "", "", "", false
	}
	if modDir == "index" {
		return pkg, file + ".d.ts", class, true
	}
	return pkg, filepath.Join(modDir, file+".d.ts"), class, true
}

func resourceShape(typ string) []propShape {
	shapeMu.Lock()
	defer shapeMu.Unlock()
	if s, ok := shapeCache[typ]; ok {
		return s
	}
	var shape []propShape
	if pkg, rel, class, ok := declarationFile(typ); ok {
		for _, nm := range nodeModulesRoots() {
			path := filepath.Join(nm, "@pulumi", pkg, rel)
			if s := parseDeclaration(path, class); s != nil {
				shape = s
				break
			}
		}
	}
	shapeCache[typ] = shape
	return shape
}

func parseDeclaration(path, class string) []propShape {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()

	var props []propShape
	inputs := map[string]bool{}
	const (
		outside = iota
		inClass
		inArgs
	)
	state := outside
	var cur *propShape
	flush := func() {
		if cur != nil {
			t := strings.TrimSpace(cur.tsType)
			t = strings.TrimSuffix(t, ";")
			t = strings.TrimSuffix(t, ">")
			cur.tsType = strings.Join(strings.Fields(t), " ")
			cur.optional = strings.Contains(cur.tsType, "| undefined")
			props = append(props, *cur)
			cur = nil
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch state {
		case outside:
			if strings.HasPrefix(line, "export declare class "+class+" extends ") {
				state = inClass
			} else if strings.HasPrefix(line, "export interface "+class+"Args {") {
				state = inArgs
			}
		case inClass:
			if line == "}" {
				flush()
				state = outside
				continue
			}
			if m := readonlyRe.FindStringSubmatch(line); m != nil {
				flush()
				cur = &propShape{name: m[1], tsType: m[2]}
				continue
			}
			if cur != nil {
				trimmed := strings.TrimSpace(line)
				if strings.HasPrefix(trimmed, "/**") || strings.HasPrefix(trimmed, "*") ||
					strings.HasPrefix(trimmed, "static ") || strings.HasPrefix(trimmed, "constructor") ||
					strings.HasPrefix(trimmed, "readonly ") {
					flush()
					continue
				}
				cur.tsType += " " + trimmed
			}
		case inArgs:
			if line == "}" {
				state = outside
				continue
			}
			if m := argRe.FindStringSubmatch(line); m != nil {
				inputs[m[1]] = true
			}
		}
	}
	flush()
	if len(props) == 0 {
		return nil
	}
	for i := range props {
		props[i].isInput = inputs[props[i].name]
	}
	return props
}

// placeholder returns a value of the declared TypeScript type for a computed
// output that the stand-in has no better value for.
func placeholder(p propShape, hexid string) resource.PropertyValue {
	t := p.tsType
	switch {
	case p.optional:
		return resource.NewNullProperty()
	case strings.HasSuffix(t, "[]"):
		return resource.NewArrayProperty(nil)
	case t == "string":
		return resource.NewStringProperty(p.name + "-" + hexid)
	case t == "number":
		return resource.NewNumberProperty(0)
	case t == "boolean":
		return resource.NewBoolProperty(false)
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "outputs."):
		return resource.NewObjectProperty(resource.PropertyMap{})
	default:
		return resource.NewNullProperty()
	}
}

// fillShape gives every output property declared by the SDK a value: computed
// outputs get typed placeholders, unset optional ones an explicit null (which
// the SDK reads as a known `undefined`, as with the real provider).
func fillShape(typ string, outs resource.PropertyMap, hexid string) {
	for _, p := range resourceShape(typ) {
		k := resource.PropertyKey(p.name)
		if v, ok := outs[k]; ok && !v.IsNull() {
			continue
		}
		outs[k] = placeholder(p, hexid)
	}
}
