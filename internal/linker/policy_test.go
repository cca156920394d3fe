package linker

import (
	"strings"
	"testing"
)

func TestPolicyDocumentDynamoExample(t *testing.T) {
	// linking.md §4.4: the only link is DynamoTable("orders"); <T> is its ARN.
	arn := "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
	want := strings.ReplaceAll(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "dynamodb:UpdateItem",
        "dynamodb:Scan",
        "dynamodb:Query",
        "dynamodb:PutItem",
        "dynamodb:GetItem",
        "dynamodb:DeleteItem"
      ],
      "Resource": "<T>"
    },
    {
      "Effect": "Allow",
      "Action": [
        "dynamodb:Scan",
        "dynamodb:Query"
      ],
      "Resource": "<T>/index/*"
    }
  ]
}`, "<T>", arn)
	got, err := PolicyDocument([]Statement{
		{Actions: []string{"dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"}, Resources: []string{arn}},
		{Actions: []string{"dynamodb:Query", "dynamodb:Scan"}, Resources: []string{arn + "/index/*"}},
	})
	if err != nil || got != want {
		t.Errorf("got %v\n%s\nwant\n%s", err, got, want)
	}
}

func TestPolicyDocumentSetRules(t *testing.T) {
	got, err := PolicyDocument([]Statement{
		{Actions: []string{"sqs:SendMessage", "sqs:SendMessage"}, Resources: []string{"b", "a", "b"}},
		{Actions: []string{"s3:GetObject"}, Resources: []string{"arn:aws:s3:::x/&{aws:username}/*", "<t>&"}},
		{Resources: []string{"*"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "sqs:SendMessage",
      "Resource": [
        "b",
        "a"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": [
        "arn:aws:s3:::x/${aws:username}/*",
        "\u003ct\u003e\u0026"
      ]
    },
    {
      "Effect": "Allow",
      "Resource": "*"
    }
  ]
}`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := PolicyDocument(nil); err == nil {
		t.Error("no statements accepted")
	}
}

func TestPolicyDocumentLeavesInputAlone(t *testing.T) {
	actions := []string{"b", "a"}
	if _, err := PolicyDocument([]Statement{{Actions: actions, Resources: []string{"r"}}}); err != nil {
		t.Fatal(err)
	}
	if actions[0] != "b" || actions[1] != "a" {
		t.Errorf("input reordered: %v", actions)
	}
}
