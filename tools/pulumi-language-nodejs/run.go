package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// run.js exits with this code once it has reported the program's error through the engine's log; the engine then
// fails the update without adding a second, vaguer message.
const exitAfterReportedError = 32

// Run executes a program: node on @pulumi/pulumi/cmd/run from the program's own node_modules, with the flags and
// environment variables that run.js reads. The program talks to the engine's resource monitor directly.
func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	opts, err := parseOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runJS, err := resolveModule(ctx, info.GetProgramDirectory(), "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	config, err := json.Marshal(nonNil(req.GetConfig()))
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(nonNilSlice(req.GetConfigSecretKeys()))
	if err != nil {
		return nil, err
	}

	args := append(append([]string{}, opts.nodeArgs...), runJS)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("root-directory", info.GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flag("parallel", strconv.Itoa(int(req.GetParallel())))
	flag("tracing", h.tracing)
	args = append(args, entryPoint(info))
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(), "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	env = append(env, opts.env()...)

	cmd := nodeCommand(ctx, args, env)
	// Node may switch the descriptors it is given to non-blocking mode, which breaks later writes from Go to the
	// same descriptors; wrapping them makes exec copy through a pipe instead.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	logging.V(5).Infof("language host: running %v", cmd.Args)
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exit) && exit.ExitCode() == exitAfterReportedError:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exit):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode())}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
}

// RunPlugin starts a plugin written for Node: a policy pack (kind "analyzer", from a PulumiPolicy.yaml) through
// @pulumi/pulumi/cmd/run-policy-pack, anything else (a PulumiPlugin.yaml provider) through cmd/run-plugin. The
// plugin prints its gRPC port on stdout, which travels to the engine in the response stream.
func (h *nodeHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	info := req.GetInfo()
	dir := info.GetProgramDirectory()
	opts, err := parseOptions(info)
	if err != nil {
		return err
	}
	stdout, stderr := streamWriters(server)
	env := append(append([]string{}, req.GetEnv()...), opts.env()...)

	if req.GetKind() != string(apitype.AnalyzerPlugin) {
		entry, err := resolveModule(ctx, dir, "@pulumi/pulumi/cmd/run-plugin")
		if err != nil {
			return err
		}
		args := append(append([]string{}, opts.nodeArgs...), entry, dir)
		args = append(args, req.GetArgs()...)
		cmd := nodeCommand(ctx, args, env)
		cmd.Dir, cmd.Stdout, cmd.Stderr = req.GetPwd(), stdout, stderr
		return sendExit(server, cmd.Run())
	}

	entry, err := resolveModule(ctx, dir, "@pulumi/pulumi/cmd/run-policy-pack")
	if err != nil {
		return err
	}
	// @pulumi/policy packs learn the stack, project and configuration only from environment variables at start-up,
	// while the engine sends them later in ConfigureStack. The SDK's proxy answers the engine first, then hands
	// over to the real pack once it is started with those variables.
	proxy, packStdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start the policy pack proxy: %w", err)
	}
	stack, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("did not receive the stack configuration: %w", err)
	}
	if stack != nil {
		env = append(env,
			"PULUMI_NODEJS_ORGANIZATION="+stack.GetOrganization(),
			"PULUMI_NODEJS_PROJECT="+stack.GetProject(),
			"PULUMI_NODEJS_STACK="+stack.GetStack(),
			"PULUMI_NODEJS_DRY_RUN="+strconv.FormatBool(stack.GetDryRun()))
		if config, err := json.Marshal(nonNil(stack.GetConfig())); err == nil {
			env = append(env, "PULUMI_CONFIG="+string(config))
		}
	}
	// run-policy-pack takes the engine address first and the pack directory last; packs have always run with the
	// pack directory as working directory.
	args := append(append([]string{}, opts.nodeArgs...), entry)
	args = append(append(args, req.GetArgs()...), dir)
	cmd := nodeCommand(ctx, args, env)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, packStdout, stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	return sendExit(server, proxy.Attach(ctx, cmd))
}

// nodeCommand runs node so that a cancelled request (the engine stopping a plugin, or Ctrl-C) interrupts it first
// and kills it only if it has not exited five seconds later.
func nodeCommand(ctx context.Context, args, env []string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Env = env
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// sendExit reports how a plugin process ended. A plugin that ran and failed is an exit code for the engine, not
// an RPC error; only a plugin that could not be started is.
func sendExit(server pulumirpc.LanguageRuntime_RunPluginServer, err error) error {
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return err
	}
	code := 0
	if exit != nil {
		code = exit.ExitCode()
	}
	return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

// streamWriters turns the response stream into stdout and stderr writers. gRPC forbids concurrent Send calls and
// exec copies each stream from its own goroutine, hence the lock.
func streamWriters(server pulumirpc.LanguageRuntime_RunPluginServer) (io.Writer, io.Writer) {
	var mu sync.Mutex
	send := func(out *pulumirpc.RunPluginResponse) error {
		mu.Lock()
		defer mu.Unlock()
		return server.Send(out)
	}
	stdout := writerFunc(func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	})
	stderr := writerFunc(func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	})
	return stdout, stderr
}

type writerFunc func([]byte) error

func (w writerFunc) Write(b []byte) (int, error) {
	// The stream may hold on to the slice after Send returns; exec reuses its buffer.
	if err := w(append([]byte(nil), b...)); err != nil {
		return 0, err
	}
	return len(b), nil
}

// resolveModule asks node where a module resolves from dir, so a program always runs against the @pulumi/pulumi it
// depends on (found by Node's usual upward search) rather than one this host would guess.
func resolveModule(ctx context.Context, dir, module string) (string, error) {
	script := fmt.Sprintf("process.stdout.write(require.resolve(%q))", module)
	cmd := exec.CommandContext(ctx, "node", "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot resolve %s from %s; is @pulumi/pulumi installed (npm install)? %w", module, dir, err)
	}
	return string(out), nil
}

// entryPoint is what run.js loads: "." (the package's main) unless Pulumi.yaml's `main` names a file.
func entryPoint(info *pulumirpc.ProgramInfo) string {
	if e := info.GetEntryPoint(); e != "" {
		return e
	}
	return "."
}

// nodeOptions are the `runtime.options` of Pulumi.yaml (or PulumiPolicy.yaml) that this host honours.
type nodeOptions struct {
	typescript bool     // `typescript` (default true): run.js registers ts-node for .ts sources
	tsconfig   string   // `tsconfig`: a tsconfig other than ./tsconfig.json
	nodeArgs   []string // `nodeargs`: extra node flags, split on spaces
}

func parseOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	opts := nodeOptions{typescript: true}
	raw := info.GetOptions().AsMap()
	if v, ok := raw["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, errors.New("runtime option `typescript` must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := raw["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("runtime option `tsconfig` must be a string")
		}
		opts.tsconfig = s
	}
	if v, ok := raw["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("runtime option `nodeargs` must be a string")
		}
		opts.nodeArgs = strings.Fields(s)
	}
	return opts, nil
}

func (o nodeOptions) env() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func nonNilSlice(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
