package ghsim

// The OpenAPI subset and the webhook payloads in testdata/ come from the official npm
// packages; regenerate them (needs npm) after changing testdata/openapi/operations.txt or
// the versions below.
//go:generate go run ./internal/extract -openapi 23.0.2 -webhooks 7.6.1 -out testdata
