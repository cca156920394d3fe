package deploy

import (
	"slices"
	"strings"
)

// The child process (uv, stlv, Pulumi) gets an environment built from an allow-list, never
// the action's own: the GitHub token, the OIDC request token and every INPUT_* stay out.

// passNames are passed through unchanged when set.
var passNames = []string{
	"PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "TZ", "LANG", "LANGUAGE",
	// Stelvio keeps the Pulumi CLI and plugins under the XDG config dir; caches follow XDG.
	"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
	// Proxies and CA bundles of self-hosted runners.
	"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
	"SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
	// An escape hatch for app imports (app-and-cli.md §1.4).
	"PYTHONPATH",
	// Stelvio's Cloudflare DNS uses Pulumi's default Cloudflare provider, configured by env.
	"CLOUDFLARE_API_TOKEN",
}

// passPrefixes are passed through for every variable they start.
var passPrefixes = []string{
	"LC_",   // locale
	"UV_",   // uv's own settings (cache dir, link mode, index)
	"PIP_",  // Stelvio installs Lambda dependencies with uv pip or pip
	"STLV_", // Stelvio's own switches (STLV_DEBUG, STLV_NO_CLEANUP); STLV_RUN_ID is ours
}

// ambientAWSNames are the AWS credential-chain settings. Without a role the child resolves
// credentials itself, from the same chain we verified, so they pass; with a role none of them
// does and only the assumed keys are given.
var ambientAWSNames = []string{
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
	"AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
	"AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME",
	"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	"AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
	"AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
	"AWS_CA_BUNDLE", "AWS_STS_REGIONAL_ENDPOINTS", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
}

// childEnv builds the child's environment from environ (the action's own, as os.Environ
// lists it), the AWS credentials and region to hand over, and the values we set ourselves.
func childEnv(environ []string, creds *Credentials, region string, set map[string]string) []string {
	vars := map[string]string{}
	ambient := map[string]string{}
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if allowed(name) {
			vars[name] = value
		}
		if slices.Contains(ambientAWSNames, name) && value != "" {
			ambient[name] = value
		}
	}
	if creds != nil {
		vars["AWS_ACCESS_KEY_ID"] = creds.AccessKeyID
		vars["AWS_SECRET_ACCESS_KEY"] = creds.SecretAccessKey
		vars["AWS_SESSION_TOKEN"] = creds.SessionToken
	} else {
		for k, v := range ambient {
			vars[k] = v
		}
	}
	if region != "" {
		// Stelvio up to 0.9.x reads AWS_DEFAULT_REGION through boto3, newer ones AWS_REGION.
		vars["AWS_REGION"] = region
		vars["AWS_DEFAULT_REGION"] = region
	}
	for k, v := range set {
		vars[k] = v
	}
	out := make([]string, 0, len(vars))
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}

func allowed(name string) bool {
	if slices.Contains(passNames, name) {
		return true
	}
	for _, p := range passPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
