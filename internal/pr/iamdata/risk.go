package iamdata

import (
	"slices"
	"strings"
)

// Risk tags. They mark what a reviewer should look at twice; they are our
// judgement, not AWS's, and say nothing about whether a grant is wrong.
const (
	TagCreds        = "creds"      // yields credentials, tokens or passwords
	TagDataExfil    = "data-exfil" // reads stored data in bulk or in the clear
	TagPrivesc      = "privesc"    // can widen the caller's own (or another's) permissions
	TagResourceStar = "resource-*" // granted on every resource though it can be scoped
)

type riskMask uint8

const (
	riskCreds riskMask = 1 << iota
	riskDataExfil
	riskPrivesc
	riskResourceStar
)

// tagNames is in byte order, so tags come out sorted.
var tagNames = [...]struct {
	bit  riskMask
	name string
}{
	{riskCreds, TagCreds},
	{riskDataExfil, TagDataExfil},
	{riskPrivesc, TagPrivesc},
	{riskResourceStar, TagResourceStar},
}

func (m riskMask) tags() []string {
	var out []string
	for _, t := range tagNames {
		if m&t.bit != 0 {
			out = append(out, t.name)
		}
	}
	return out
}

type riskRule struct {
	pattern string
	mask    riskMask
}

// riskRules is our curated table. Patterns use IAM wildcards; a test checks
// that every one names actions the catalogue knows, so a typo or an action
// AWS retires fails CI rather than silently tagging nothing.
var riskRules = []riskRule{
	// Changing what a principal may do, directly.
	{"iam:Put*Policy", riskPrivesc},          // inline policy on a user, group or role
	{"iam:Attach*Policy", riskPrivesc},       // managed policy on a user, group or role
	{"iam:CreatePolicyVersion", riskPrivesc}, // rewrite a managed policy already attached
	{"iam:SetDefaultPolicyVersion", riskPrivesc},
	{"iam:Put*PermissionsBoundary", riskPrivesc},    // swap a boundary for a looser one
	{"iam:Delete*PermissionsBoundary", riskPrivesc}, // or drop it
	{"iam:UpdateAssumeRolePolicy", riskPrivesc},     // let yourself assume the role
	{"iam:AddUserToGroup", riskPrivesc},
	// Acting as someone else.
	{"iam:PassRole", riskPrivesc}, // hand a role to a service you control (see riskCombos)
	{"sts:AssumeRole*", riskPrivesc | riskCreds},
	{"sts:AssumeRoot", riskPrivesc | riskCreds},
	{"iam:CreateAccessKey", riskPrivesc | riskCreds},
	{"iam:CreateLoginProfile", riskPrivesc | riskCreds},
	{"iam:UpdateLoginProfile", riskPrivesc | riskCreds},
	{"iam:CreateServiceSpecificCredential", riskCreds},
	{"iam:ResetServiceSpecificCredential", riskCreds},
	// Running your code under a role that already exists.
	{"lambda:UpdateFunctionCode", riskPrivesc},
	{"lambda:UpdateFunctionConfiguration", riskPrivesc}, // layers, or a new role with PassRole
	{"glue:UpdateDevEndpoint", riskPrivesc},             // add an SSH key to an endpoint's role
	{"ssm:SendCommand", riskPrivesc},                    // run commands as an instance's role
	{"ssm:StartSession", riskPrivesc},
	{"ec2-instance-connect:SendSSHPublicKey", riskPrivesc},
	// Tokens and secrets.
	{"sts:GetSessionToken", riskCreds},
	{"sts:GetFederationToken", riskCreds},
	{"secretsmanager:GetSecretValue", riskCreds | riskDataExfil},
	{"secretsmanager:BatchGetSecretValue", riskCreds | riskDataExfil},
	{"ssm:GetParameter*", riskDataExfil}, // SecureString parameters come back decrypted
	{"cognito-idp:AdminInitiateAuth", riskCreds},
	{"cognito-idp:AdminRespondToAuthChallenge", riskCreds},
	{"cognito-idp:AdminSetUserPassword", riskCreds | riskPrivesc}, // take over an app user
	{"cognito-identity:GetCredentialsForIdentity", riskCreds},
	{"cognito-identity:GetOpenIdTokenForDeveloperIdentity", riskCreds},
	{"ecr:GetAuthorizationToken", riskCreds},
	{"codeartifact:GetAuthorizationToken", riskCreds},
	{"redshift:GetClusterCredentials", riskCreds},
	{"ec2:GetPasswordData", riskCreds},
	{"lightsail:GetInstanceAccessDetails", riskCreds},
	{"lambda:GetFunction", riskCreds},              // environment variables, often holding keys
	{"lambda:GetFunctionConfiguration", riskCreds}, // likewise
	// Reading the data itself.
	{"s3:GetObject", riskDataExfil},
	{"s3:GetObjectVersion", riskDataExfil},
	{"dynamodb:Scan", riskDataExfil},
	{"dynamodb:Query", riskDataExfil},
	{"dynamodb:GetItem", riskDataExfil},
	{"dynamodb:BatchGetItem", riskDataExfil},
	{"dynamodb:PartiQLSelect", riskDataExfil},
	{"dynamodb:GetRecords", riskDataExfil},
	{"dynamodb:ExportTableToPointInTime", riskDataExfil},
	{"kms:Decrypt", riskDataExfil},
	{"sqs:ReceiveMessage", riskDataExfil},
	{"kinesis:GetRecords", riskDataExfil},
	{"logs:GetLogEvents", riskDataExfil},
	{"logs:FilterLogEvents", riskDataExfil},
	{"rds-data:ExecuteStatement", riskDataExfil},
	{"athena:GetQueryResults", riskDataExfil},
}

// riskCombos are grants that escalate only together: iam:PassRole plus a way
// to start compute that runs as the passed role.
var riskCombos = []struct {
	tag     string
	actions []string
}{
	{TagPrivesc, []string{"iam:PassRole", "lambda:CreateFunction"}},
	{TagPrivesc, []string{"iam:PassRole", "lambda:UpdateFunctionConfiguration"}},
	{TagPrivesc, []string{"iam:PassRole", "ec2:RunInstances"}},
	{TagPrivesc, []string{"iam:PassRole", "ecs:RunTask"}},
	{TagPrivesc, []string{"iam:PassRole", "cloudformation:CreateStack"}},
	{TagPrivesc, []string{"iam:PassRole", "glue:CreateDevEndpoint"}},
	{TagPrivesc, []string{"iam:PassRole", "glue:CreateJob"}},
	{TagPrivesc, []string{"iam:PassRole", "codebuild:CreateProject"}},
	{TagPrivesc, []string{"iam:PassRole", "sagemaker:CreateNotebookInstance"}},
	{TagPrivesc, []string{"iam:PassRole", "datapipeline:CreatePipeline"}},
}

// applyRisk stores the tags of a freshly decoded service's actions on the
// actions themselves, so tagging a wildcard costs one pass over its
// expansion and no map.
func applyRisk(s *service) {
	for _, r := range riskRules {
		svcPat, actPat, _ := strings.Cut(r.pattern, ":")
		if actionGlob.covers(svcPat, s.prefix) {
			s.visit(actPat, func(_ *service, a *action) { a.risk |= r.mask })
		}
	}
}

// Tags returns the risk tags, sorted, of an Allow statement granting pattern
// (a single action or a pattern) on resource. A pattern carries every tag of
// the actions it expands to. "resource-*" marks a resource of "*" when the
// action could have been scoped: actions AWS lets you grant only on "*"
// (no resource types) do not get it, since no narrower grant exists, while
// actions the catalogue does not know do.
func (c *Catalog) Tags(pattern, resource string) []string {
	var mask riskMask
	known, scopable := false, false
	c.visit(pattern, func(_ *service, a *action) {
		known = true
		mask |= a.risk
		if a.types != "" {
			scopable = true
		}
	})
	if resource == "*" && (scopable || !known) {
		mask |= riskResourceStar
	}
	return mask.tags()
}

// Combo is a set of granted actions that together earn a tag none earns
// alone, such as iam:PassRole with lambda:CreateFunction.
type Combo struct {
	Tag     string
	Actions []string // canonical names, as in our table
}

// Combos returns the combinations, in table order, that the granted action
// patterns (all the Allow actions of one principal) cover in full.
func (c *Catalog) Combos(granted []string) []Combo {
	var out []Combo
	for _, combo := range riskCombos {
		all := true
		for _, want := range combo.actions {
			if !slices.ContainsFunc(granted, func(g string) bool { return c.Covers(g, want) }) {
				all = false
				break
			}
		}
		if all {
			out = append(out, Combo{Tag: combo.tag, Actions: slices.Clone(combo.actions)})
		}
	}
	return out
}
