package pr

import (
	"slices"
	"strings"
)

// fakeIAM stands in for the iamdata catalogue until it lands: a few real actions with
// the access levels AWS documents.
type fakeIAM struct{}

var fakeLevels = map[string]string{
	"dynamodb:BatchGetItem": "Read", "dynamodb:DeleteItem": "Write", "dynamodb:DescribeTable": "Read",
	"dynamodb:GetItem": "Read", "dynamodb:ListTables": "List", "dynamodb:PutItem": "Write",
	"dynamodb:Query": "Read", "dynamodb:Scan": "Read", "dynamodb:TagResource": "Tagging",
	"dynamodb:UpdateItem": "Write", "dynamodb:PutResourcePolicy": "Permissions management",
	"s3:DeleteObject": "Write", "s3:GetObject": "Read", "s3:ListBucket": "List", "s3:PutObject": "Write",
	"sqs:GetQueueAttributes": "Read", "sqs:SendMessage": "Write",
	"secretsmanager:GetSecretValue": "Read", "kms:Decrypt": "Write", "iam:PassRole": "Write",
}

func (fakeIAM) Version() string { return "fake-iam@test" }

func (fakeIAM) AccessLevel(action string) (string, bool) {
	for k, v := range fakeLevels {
		if strings.EqualFold(k, action) {
			return v, true
		}
	}
	return "", false
}

func (fakeIAM) Expand(pattern string) ([]string, bool) {
	svc, _, _ := strings.Cut(strings.ToLower(pattern), ":")
	known := false
	var out []string
	for k := range fakeLevels {
		if strings.HasPrefix(k, svc+":") || pattern == "*" {
			known = true
		}
		if globMatch(strings.ToLower(pattern), strings.ToLower(k)) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out, known
}

func (f fakeIAM) Covers(granting, requested string) bool {
	g, r := strings.ToLower(granting), strings.ToLower(requested)
	if globMatch(g, r) {
		return true
	}
	actions, _ := f.Expand(requested)
	for _, a := range actions {
		if !globMatch(g, strings.ToLower(a)) {
			return false
		}
	}
	return len(actions) > 0
}

func (fakeIAM) ResourceCovers(granting, requested string) bool {
	return globMatch(granting, requested)
}

func (f fakeIAM) Tags(action, resource string) []string {
	var tags []string
	for _, a := range []string{"s3:GetObject", "dynamodb:Scan", "secretsmanager:GetSecretValue"} {
		if f.Covers(action, a) {
			tags = append(tags, "data-exfil")
			break
		}
	}
	if f.Covers(action, "iam:PassRole") {
		tags = append(tags, "privesc")
	}
	if resource == "*" {
		tags = append(tags, "resource-*")
	}
	return tags
}

// catalogue is the IAM data the tests judge with.
func catalogue(t interface{ Helper() }) IAM {
	t.Helper()
	return fakeIAM{}
}
