package deploy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// Credentials are temporary AWS keys.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expires         time.Time
}

// Identity is who a set of credentials is, as STS GetCallerIdentity reports it.
type Identity struct {
	Account string
	ARN     string
}

// AssumeRequest is an AssumeRoleWithWebIdentity call.
type AssumeRequest struct {
	Region      string
	RoleARN     string
	SessionName string
	Token       string // the GitHub OIDC token
	Duration    time.Duration
}

// AWS is the part of AWS the deploy itself talks to: STS. STSClient is the real one.
type AWS interface {
	AssumeRoleWithWebIdentity(ctx context.Context, req AssumeRequest) (*Credentials, error)
	// CallerIdentity checks credentials; nil means the ambient credential chain.
	CallerIdentity(ctx context.Context, region string, creds *Credentials) (Identity, error)
}

// STSClient is AWS STS through aws-sdk-go-v2.
type STSClient struct {
	// Endpoint replaces STS's regional endpoint when set (tests serve STS locally).
	Endpoint string
	// HTTPClient is the SDK's transport; nil means the SDK's default.
	HTTPClient aws.HTTPClient
}

// stsFallbackRegion signs STS calls when no region is configured: STS is global, and the
// app's own region may come from its @app.config instead of the environment.
const stsFallbackRegion = "us-east-1"

func (c STSClient) client(cfg aws.Config) *sts.Client {
	if cfg.Region == "" {
		cfg.Region = stsFallbackRegion
	}
	if c.HTTPClient != nil {
		cfg.HTTPClient = c.HTTPClient
	}
	return sts.NewFromConfig(cfg, func(o *sts.Options) {
		if c.Endpoint != "" {
			o.BaseEndpoint = aws.String(c.Endpoint)
		}
	})
}

// AssumeRoleWithWebIdentity exchanges the OIDC token for role credentials. The call is not
// signed, so no ambient configuration is read.
func (c STSClient) AssumeRoleWithWebIdentity(ctx context.Context, req AssumeRequest) (*Credentials, error) {
	out, err := c.client(aws.Config{Region: req.Region}).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn:          aws.String(req.RoleARN),
		RoleSessionName:  aws.String(req.SessionName),
		WebIdentityToken: aws.String(req.Token),
		DurationSeconds:  aws.Int32(int32(req.Duration / time.Second)),
	})
	if err != nil {
		return nil, fmt.Errorf("sts:AssumeRoleWithWebIdentity for %s: %w", req.RoleARN, describeAWSError(err))
	}
	if out.Credentials == nil || out.Credentials.AccessKeyId == nil || out.Credentials.SecretAccessKey == nil {
		return nil, fmt.Errorf("sts:AssumeRoleWithWebIdentity for %s: the answer holds no credentials", req.RoleARN)
	}
	creds := &Credentials{
		AccessKeyID:     aws.ToString(out.Credentials.AccessKeyId),
		SecretAccessKey: aws.ToString(out.Credentials.SecretAccessKey),
		SessionToken:    aws.ToString(out.Credentials.SessionToken),
	}
	if out.Credentials.Expiration != nil {
		creds.Expires = *out.Credentials.Expiration
	}
	return creds, nil
}

// CallerIdentity asks STS who the credentials belong to, which fails fast on bad keys.
func (c STSClient) CallerIdentity(ctx context.Context, region string, creds *Credentials) (Identity, error) {
	var cfg aws.Config
	if creds != nil {
		cfg = aws.Config{Region: region, Credentials: aws.NewCredentialsCache(
			credentials.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken))}
	} else {
		opts := []func(*awsconfig.LoadOptions) error{}
		if region != "" {
			opts = append(opts, awsconfig.WithRegion(region))
		}
		var err error
		if cfg, err = awsconfig.LoadDefaultConfig(ctx, opts...); err != nil {
			return Identity{}, fmt.Errorf("load the ambient AWS configuration: %w", err)
		}
	}
	out, err := c.client(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return Identity{}, fmt.Errorf("sts:GetCallerIdentity: %w", describeAWSError(err))
	}
	return Identity{Account: aws.ToString(out.Account), ARN: aws.ToString(out.Arn)}, nil
}

// describeAWSError keeps an API error's code and message and drops the SDK's request
// details (ids, retry counts) that make the log harder to read.
func describeAWSError(err error) error {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return fmt.Errorf("%s: %s: %w", apiErr.ErrorCode(), apiErr.ErrorMessage(), errAWSRejected)
	}
	return err
}

// errAWSRejected marks an error AWS answered (as opposed to one reaching it).
var errAWSRejected = errors.New("rejected by AWS")

// SessionName builds the role session name from the repository and run, cut to STS's
// charset ([\w+=,.@-]) and 64 characters; the run id and attempt are kept whole, since they
// are what CloudTrail readers look a session up by.
func SessionName(repository string, runID int64, attempt int) string {
	suffix := fmt.Sprintf("-%d", runID)
	if attempt > 0 {
		suffix += fmt.Sprintf("-%d", attempt)
	}
	var b strings.Builder
	for _, r := range "gh-" + repository {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("_+=,.@-", r):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	prefix := b.String()
	if len(prefix)+len(suffix) > 64 {
		prefix = prefix[:max(64-len(suffix), 0)]
	}
	name := prefix + suffix
	return name[:min(len(name), 64)]
}
