package linker

import (
	"errors"
	"fmt"
	"strings"
)

// CodegenFlavour selects the stlv_resources.py format of a Stelvio release
// (linking.md §9.3).
type CodegenFlavour int

const (
	// CodegenV1 (0.2.0a4–0.4.0a6): os.getenv getters, no CORS class, no camel
	// split in class names, camel-case attributes, empty links still listed.
	CodegenV1 CodegenFlavour = 1
	// CodegenV2 (0.5.0a7–0.6.1a9): adds CorsResource and snake-case attributes.
	CodegenV2 CodegenFlavour = 2
	// CodegenV3 (0.7.0b1 on): os.environ getters, camel split, empty links skipped.
	CodegenV3 CodegenFlavour = 3
)

func (f CodegenFlavour) String() string {
	switch f {
	case CodegenV1, CodegenV2, CodegenV3:
		return fmt.Sprintf("v%d", int(f))
	}
	return fmt.Sprintf("CodegenFlavour(%d)", int(f))
}

// LinkProps is one entry of the map Stelvio generates from: a link name and
// the names of its properties, in order.
type LinkProps struct {
	Link  string
	Props []string
}

// ResourcesFile renders stlv_resources.py for the ordered link map and CORS
// flag exactly as the given Stelvio codegen flavour writes it. ok is false when
// Stelvio generates nothing (its generator returns None): the Lambda package
// gets no file and the file on disk is deleted.
func ResourcesFile(links []LinkProps, cors bool, flavour CodegenFlavour) (content string, ok bool, err error) {
	switch flavour {
	case CodegenV1:
		if cors {
			return "", false, errors.New("codegen v1 (Stelvio before 0.5.0a7) has no CORS class")
		}
	case CodegenV2, CodegenV3:
	default:
		return "", false, fmt.Errorf("unknown codegen flavour %d", int(flavour))
	}
	if !cors && !anyProps(links) {
		return "", false, nil
	}
	classes, envs, err := convertNames(links, flavour)
	if err != nil {
		return "", false, err
	}
	var b strings.Builder
	b.Grow(estimateSize(classes, links, envs))
	b.WriteString(resourcesHeader)
	if cors {
		b.WriteString(corsClass)
	}
	for i, l := range links {
		if len(l.Props) > 0 {
			writeLinkClass(&b, classes[i], l.Props, envs[i], flavour)
		}
	}
	b.WriteString("@dataclass(frozen=True)\nclass LinkedResources:\n")
	if cors {
		b.WriteString("    cors: Final[CorsResource] = CorsResource()\n")
	}
	for i, l := range links {
		// Before v3 a link without properties still gets an attribute, whose
		// class is never defined: Stelvio wrote a file that fails on import.
		if len(l.Props) == 0 && flavour == CodegenV3 {
			continue
		}
		class := classes[i]
		b.WriteString("    ")
		b.WriteString(AttributeName(class, flavour))
		b.WriteString(": Final[")
		b.WriteString(class)
		b.WriteString("Resource] = ")
		b.WriteString(class)
		b.WriteString("Resource()\n")
	}
	b.WriteString("\n\nResources: Final = LinkedResources()")
	return b.String(), true, nil
}

// convertNames computes the class names and env var names the generator
// uses, in Stelvio's order so that a bad name fails with the same exception:
// links with properties first (the class, then each env var), then before v3
// the links without properties.
func convertNames(links []LinkProps, flavour CodegenFlavour) (classes []string, envs [][]string, err error) {
	classes = make([]string, len(links))
	envs = make([][]string, len(links))
	for i, l := range links {
		if len(l.Props) == 0 {
			continue
		}
		if classes[i], err = ClassName(l.Link, flavour); err != nil {
			return nil, nil, err
		}
		envs[i] = make([]string, len(l.Props))
		for j, p := range l.Props {
			if envs[i][j], err = EnvVarName(l.Link, p); err != nil {
				return nil, nil, err
			}
		}
	}
	if flavour == CodegenV3 {
		return classes, envs, nil
	}
	for i, l := range links {
		if len(l.Props) > 0 {
			continue
		}
		if classes[i], err = ClassName(l.Link, flavour); err != nil {
			return nil, nil, err
		}
	}
	return classes, envs, nil
}

// estimateSize estimates the rendered size generously, so the builder
// normally allocates once.
func estimateSize(classes []string, links []LinkProps, envs [][]string) int {
	n := len(resourcesHeader) + len(corsClass) + 200
	for i, class := range classes {
		n += 120 + 5*len(class)
		for j, p := range links[i].Props {
			n += 90 + len(p) + len(envs[i][j])
		}
	}
	return n
}

func anyProps(links []LinkProps) bool {
	for _, l := range links {
		if len(l.Props) > 0 {
			return true
		}
	}
	return false
}

func writeLinkClass(b *strings.Builder, class string, props, envs []string, flavour CodegenFlavour) {
	b.WriteString("@dataclass(frozen=True)\nclass ")
	b.WriteString(class)
	b.WriteString("Resource:\n")
	getterOpen, getterClose := `os.environ["`, `"]`
	if flavour < CodegenV3 {
		getterOpen, getterClose = `os.getenv("`, `")`
	}
	for i, p := range props {
		b.WriteString("    @cached_property\n    def ")
		b.WriteString(p)
		b.WriteString("(self) -> str:\n        return ")
		b.WriteString(getterOpen)
		b.WriteString(envs[i])
		b.WriteString(getterClose)
		b.WriteString("\n\n")
	}
	b.WriteString("\n")
}

const resourcesHeader = "import os\n" +
	"from dataclasses import dataclass\n" +
	"from typing import Final\n" +
	"from functools import cached_property\n\n\n"

const corsClass = `@dataclass(frozen=True)
class CorsResource:
    @cached_property
    def allow_origin(self) -> str:
        return os.environ.get("STLV_CORS_ALLOW_ORIGIN", "")

    @cached_property
    def expose_headers(self) -> str:
        return os.environ.get("STLV_CORS_EXPOSE_HEADERS", "")

    @cached_property
    def allow_credentials(self) -> bool:
        return os.environ.get("STLV_CORS_ALLOW_CREDENTIALS", "false") == "true"

    def get_headers(self) -> dict[str, str]:
        """Returns CORS headers for API Gateway responses."""
        headers = {"Access-Control-Allow-Origin": self.allow_origin}
        if self.expose_headers:
            headers["Access-Control-Expose-Headers"] = self.expose_headers
        if self.allow_credentials:
            headers["Access-Control-Allow-Credentials"] = "true"
        return headers


`
