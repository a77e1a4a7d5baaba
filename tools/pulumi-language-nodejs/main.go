// Command pulumi-language-nodejs is the Node.js language host that the Pulumi engine starts for projects and
// policy packs with `runtime: nodejs`.
//
// Pulumi publishes its own host only as a release binary and as a Go module that the module proxy does not serve,
// so this project carries a small one of its own. It does what the engine needs to run a program or a policy pack
// against the @pulumi/pulumi package installed next to it, and leaves dependency installation, code generation and
// packaging to npm and to the official host.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	// The engine adds --tracing (and, through the logging package, -v and --logtostderr) when the user asks for
	// them; flag.Parse must know them or it would reject the command line.
	tracing := flag.String("tracing", "", "Zipkin-compatible endpoint for tracing")
	showVersion := flag.Bool("version", false, "print the version and exit")
	// Plugin hosts built against older SDKs (pulumi-language-yaml v1.25.0, on sdk v3.206, loading a Node plugin's
	// schema) pass the project root as a flag; this host learns it from each request instead.
	_ = flag.String("root", "", "the project root (ignored: each request carries it)")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}
	logging.InitLogging(false, 0, false)
	cmdutil.InitTracing("pulumi-language-nodejs", "pulumi-language-nodejs", *tracing)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	host := &nodeHost{engineAddress: flag.Arg(0), tracing: *tracing}
	if host.engineAddress != "" {
		// Without this an engine that dies (kill -9, a crashed test runner) would leave the host running forever.
		if err := rpcutil.Healthcheck(ctx, host.engineAddress, 5*time.Minute, stop); err != nil {
			cmdutil.Exit(fmt.Errorf("could not watch the engine at %s: %w", host.engineAddress, err))
		}
	}

	cancel := make(chan bool)
	go func() { <-ctx.Done(); close(cancel) }()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: []grpc.ServerOption{
			grpc.ChainUnaryInterceptor(logUnaryCall),
			grpc.ChainStreamInterceptor(logStreamCall),
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host: %w", err))
	}
	// The engine reads the first line of stdout as the port to dial.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host stopped serving: %w", err))
	}
}

// Logged at -v=5 so that `pulumi --logflow --logtostderr -v=5 ...` shows which calls the engine makes; a call the
// engine makes and this host does not implement shows up here with its Unimplemented error.
func logUnaryCall(
	ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler,
) (any, error) {
	resp, err := handler(ctx, req)
	logging.V(5).Infof("language host: %s err=%v", info.FullMethod, err)
	return resp, err
}

func logStreamCall(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	err := handler(srv, ss)
	logging.V(5).Infof("language host: %s err=%v", info.FullMethod, err)
	return err
}

type nodeHost struct {
	// Every call this host does not implement answers Unimplemented, which the engine treats as "not supported"
	// for the optional ones: Cancel (made each time the engine closes the host), Template, RuntimeOptionsPrompts...
	pulumirpc.UnimplementedLanguageRuntimeServer

	engineAddress string
	tracing       string
}

// Handshake is only made when the engine attaches to an already running host (PULUMI_DEBUG_LANGUAGES); a host
// the engine starts itself gets the engine address as its first argument instead.
func (h *nodeHost) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(ctx context.Context, _ *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// GetRequiredPackages reports nothing: providers come from PATH (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION is
// set wherever this host is used), and the engine loads a plugin when a resource first needs it.
func (h *nodeHost) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// InstallDependencies does not install: dependencies are npm's job. It succeeds when @pulumi/pulumi resolves
// from the program, so `pulumi install` and policy-pack setup pass on a tree where `npm ci` already ran, and fails
// with the command to run otherwise.
func (h *nodeHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if _, err := resolveModule(server.Context(), dir, "@pulumi/pulumi/package.json"); err != nil {
		return fmt.Errorf("this language host does not install packages: run `npm install` in %s (%w)", dir, err)
	}
	return server.Send(&pulumirpc.InstallDependenciesResponse{
		Stdout: []byte("Dependencies are already installed (this language host does not run npm)\n"),
	})
}

// About feeds `pulumi about` and the runtime fields of each update's metadata; the engine calls it on every update.
func (h *nodeHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on PATH: %w", err)
	}
	resp := &pulumirpc.AboutResponse{Executable: node, Metadata: map[string]string{"packagemanager": "npm"}}
	if out, err := exec.CommandContext(ctx, node, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	return resp, nil
}

// GetProgramDependencies lists the direct dependencies in the nearest package.json with the versions installed
// in node_modules, which is what `pulumi about` prints. Transitive listing is not supported.
func (h *nodeHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	manifest, err := findUp(dir, "package.json")
	if err != nil {
		return nil, err
	}
	var pkg struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if err := readJSON(manifest, &pkg); err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, deps := range []map[string]string{pkg.Dependencies, pkg.DevDependencies} {
		for name, wanted := range deps {
			installed := wanted
			if found, err := findUp(filepath.Dir(manifest), filepath.Join("node_modules", name, "package.json")); err == nil {
				var dep struct {
					Version string `json:"version"`
				}
				if readJSON(found, &dep) == nil && dep.Version != "" {
					installed = dep.Version
				}
			}
			resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: name, Version: installed})
		}
	}
	return resp, nil
}

// findUp returns dir/rel or the same relative path in the nearest ancestor of dir, the way Node looks up packages.
func findUp(dir, rel string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, rel)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no %s in %s or any parent directory", rel, dir)
		}
	}
}

func readJSON(path string, into any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, into); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
