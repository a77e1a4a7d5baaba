// Command sdkgen writes the Python and Go SDKs of the tencent-ci package from plugin/schema.json, through the
// code generators of github.com/pulumi/pulumi/pkg/v3, as Pulumi's own providers generate theirs.
//
// Usage: go run . <schema.json> <sdk folder>; it replaces <sdk folder>/python and <sdk folder>/go.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool names the generator in the header of every generated file.
const tool = "pulumi-tencent-ci sdkgen"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <sdk folder>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, sdkDir string) error {
	text, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(text, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	generators := map[string]func() (map[string][]byte, error){
		"python": func() (map[string][]byte, error) {
			pkg, err := bind(spec)
			if err != nil {
				return nil, err
			}
			return python.GeneratePackage(tool, pkg, nil, noPackages{})
		},
		"go": func() (map[string][]byte, error) {
			pkg, err := bind(spec)
			if err != nil {
				return nil, err
			}
			return gogen.GeneratePackage(tool, pkg, nil)
		},
	}
	for _, language := range []string{"python", "go"} {
		files, err := generators[language]()
		if err != nil {
			return fmt.Errorf("%s SDK: %w", language, err)
		}
		out := filepath.Join(sdkDir, language)
		if err := os.RemoveAll(out); err != nil {
			return err
		}
		for name, content := range files {
			path := filepath.Join(out, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(os.Stderr, "sdkgen: wrote %d files to %s\n", len(files), out)
	}
	return nil
}

// bind binds a fresh package for each generator: each imports its own language section into the package.
func bind(spec schema.PackageSpec) (*schema.Package, error) {
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return pkg, nil
}

// noPackages is the loader of a schema that refers to no other package: any reference to one is an error.
type noPackages struct{}

func (noPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the tencent-ci schema refers to package %s, which sdkgen cannot load", name)
}

func (l noPackages) LoadPackageV2(_ context.Context, descriptor *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(descriptor.Name, nil)
}

func (noPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the tencent-ci schema refers to package %s, which sdkgen cannot load", name)
}

func (l noPackages) LoadPackageReferenceV2(_ context.Context, descriptor *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(descriptor.Name, nil)
}
