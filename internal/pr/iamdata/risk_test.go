package iamdata

import (
	"slices"
	"testing"
)

// Every action the risk tables name must exist, so a typo, or an action AWS
// retires, fails here instead of silently tagging nothing.
func TestRiskTablesNameRealActions(t *testing.T) {
	c := mustLoad(t)
	seen := map[string]bool{}
	for _, r := range riskRules {
		got, ok := c.Expand(r.pattern)
		if !ok || len(got) == 0 {
			t.Errorf("risk rule %q matches no action in %s", r.pattern, c.Version())
		}
		if r.mask == 0 {
			t.Errorf("risk rule %q has no tag", r.pattern)
		}
		if seen[r.pattern] {
			t.Errorf("risk rule %q listed twice", r.pattern)
		}
		seen[r.pattern] = true
	}
	for _, combo := range riskCombos {
		for _, a := range combo.actions {
			if !c.Known(a) {
				t.Errorf("risk combo names unknown action %q", a)
			}
		}
	}
}

func TestTags(t *testing.T) {
	c := mustLoad(t)
	const tbl = "${todos.arn}"
	cases := []struct {
		action, resource string
		want             []string
	}{
		{"iam:PassRole", "${role.arn}", []string{TagPrivesc}},
		{"iam:PutRolePolicy", "${role.arn}", []string{TagPrivesc}},
		{"iam:AttachUserPolicy", "${user.arn}", []string{TagPrivesc}},
		{"iam:CreatePolicyVersion", "${policy.arn}", []string{TagPrivesc}},
		{"iam:UpdateAssumeRolePolicy", "${role.arn}", []string{TagPrivesc}},
		{"iam:CreateAccessKey", "${user.arn}", []string{TagCreds, TagPrivesc}},
		{"lambda:UpdateFunctionCode", "${fn.arn}", []string{TagPrivesc}},
		{"sts:AssumeRole", "${role.arn}", []string{TagCreds, TagPrivesc}},
		{"sts:GetSessionToken", "*", []string{TagCreds}}, // wildcard-only: no resource-*
		{"cognito-idp:AdminInitiateAuth", "${pool.arn}", []string{TagCreds}},
		{"secretsmanager:GetSecretValue", "${secret.arn}", []string{TagCreds, TagDataExfil}},
		{"s3:GetObject", "${bucket.arn}/*", []string{TagDataExfil}},
		{"dynamodb:Scan", tbl, []string{TagDataExfil}},
		{"dynamodb:Query", tbl + "/index/*", []string{TagDataExfil}},
		{"ssm:GetParametersByPath", "${param.arn}", []string{TagDataExfil}},
		{"kms:Decrypt", "${key.arn}", []string{TagDataExfil}},
		{"sqs:ReceiveMessage", "${queue.arn}", []string{TagDataExfil}},
		// Case does not matter for actions.
		{"DYNAMODB:scan", tbl, []string{TagDataExfil}},
		// Harmless actions carry no tag.
		{"dynamodb:PutItem", tbl, nil},
		{"sns:Publish", "${topic.arn}", nil},
		{"s3:ListBucket", "${bucket.arn}", nil},
		{"iam:TagRole", "${role.arn}", nil},
		// resource-* only where the action could have been scoped.
		{"ses:SendEmail", "*", []string{TagResourceStar}},
		{"dynamodb:PutItem", "*", []string{TagResourceStar}},
		{"dynamodb:ListStreams", "*", nil},
		{"xray:PutTraceSegments", "*", nil},
		{"dynamodb:NotAnAction", "*", []string{TagResourceStar}},
		{"nosuch:Thing", "*", []string{TagResourceStar}},
		{"nosuch:Thing", "${x}", nil},
		// A wildcard carries every tag of its expansion.
		{"dynamodb:*", tbl, []string{TagDataExfil}},
		{"dynamodb:*", "*", []string{TagDataExfil, TagResourceStar}},
		{"iam:*", "*", []string{TagCreds, TagPrivesc, TagResourceStar}},
		{"s3:Get*", "*", []string{TagDataExfil, TagResourceStar}},
		{"s3:Put*", "*", []string{TagResourceStar}},
		{"*", "*", []string{TagCreds, TagDataExfil, TagPrivesc, TagResourceStar}},
	}
	for _, tc := range cases {
		if got := c.Tags(tc.action, tc.resource); !slices.Equal(got, tc.want) {
			t.Errorf("Tags(%q, %q) = %v, want %v", tc.action, tc.resource, got, tc.want)
		}
	}
}

// defaultLinkActions are the actions Stelvio's links grant by default
// (linking spec §3.1 and §3.3).
var defaultLinkActions = []string{
	"dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
	"dynamodb:DeleteItem", "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
	"dynamodb:ListStreams", "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
	"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sns:Publish",
	"lambda:InvokeFunction", "ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail",
	"appsync:GraphQL", "cognito-idp:GetUser", "cognito-idp:AdminGetUser", "cognito-idp:ListUsers",
}

// Of Stelvio's defaults only the data reads are tagged, and nothing is
// privesc or creds.
func TestDefaultLinksTags(t *testing.T) {
	c := mustLoad(t)
	exfil := []string{"dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:GetRecords",
		"s3:GetObject", "sqs:ReceiveMessage"}
	for _, action := range defaultLinkActions {
		var want []string
		if slices.Contains(exfil, action) {
			want = []string{TagDataExfil}
		}
		if got := c.Tags(action, "${x.arn}"); !slices.Equal(got, want) {
			t.Errorf("Tags(%s) = %v, want %v", action, got, want)
		}
		if _, ok := documentedLevels[action]; !ok {
			t.Errorf("%s has no documented level in the access-level test", action)
		}
	}
}

func TestCombos(t *testing.T) {
	c := mustLoad(t)
	passAndCreate := Combo{Tag: TagPrivesc, Actions: []string{"iam:PassRole", "lambda:CreateFunction"}}
	passAndUpdate := Combo{Tag: TagPrivesc, Actions: []string{"iam:PassRole", "lambda:UpdateFunctionConfiguration"}}
	cases := []struct {
		granted []string
		want    []Combo
	}{
		{[]string{"iam:PassRole", "lambda:CreateFunction"}, []Combo{passAndCreate}},
		{[]string{"lambda:createfunction", "IAM:passrole"}, []Combo{passAndCreate}},
		{[]string{"iam:Pass*", "lambda:*Function"}, []Combo{passAndCreate}},
		{[]string{"iam:PassRole", "lambda:Update*"}, []Combo{passAndUpdate}},
		{[]string{"lambda:CreateFunction"}, nil},
		{[]string{"iam:PassRole"}, nil},
		{[]string{"iam:PassRole", "dynamodb:*"}, nil},
		{nil, nil},
	}
	for _, tc := range cases {
		got := c.Combos(tc.granted)
		if !slices.EqualFunc(got, tc.want, func(a, b Combo) bool {
			return a.Tag == b.Tag && slices.Equal(a.Actions, b.Actions)
		}) {
			t.Errorf("Combos(%v) = %v, want %v", tc.granted, got, tc.want)
		}
	}
	if got := c.Combos([]string{"*"}); len(got) != len(riskCombos) {
		t.Errorf("Combos(*) found %d of %d", len(got), len(riskCombos))
	}
}
