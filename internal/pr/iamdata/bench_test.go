package iamdata

import "testing"

// Target: Load adds under 5 ms to start-up.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// What a diff pays at start-up: Load plus the first question about each
// service Stelvio's links touch (decoding those blocks).
func BenchmarkLoadAndFirstLookups(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range []string{"dynamodb:GetItem", "s3:GetObject", "sqs:SendMessage", "sns:Publish",
			"lambda:InvokeFunction", "ses:SendEmail", "appsync:GraphQL", "cognito-idp:GetUser"} {
			if !c.Known(a) {
				b.Fatal(a)
			}
		}
	}
}

// The worst case: every service decoded, as Expand("*") does.
func BenchmarkLoadEverything(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := Load()
		if err != nil {
			b.Fatal(err)
		}
		if err := c.check(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAccessLevel(b *testing.B) {
	c := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.AccessLevel("DynamoDB:GetItem"); !ok {
			b.Fatal("unknown")
		}
	}
}

func BenchmarkExpandDynamoDB(b *testing.B) {
	c := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		if got, _ := c.Expand("dynamodb:*"); len(got) == 0 {
			b.Fatal("empty")
		}
	}
}

func BenchmarkExpandEverything(b *testing.B) {
	c := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		if got, _ := c.Expand("*"); len(got) == 0 {
			b.Fatal("empty")
		}
	}
}

func BenchmarkCoversPattern(b *testing.B) {
	c := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		if !c.Covers("s3:*", "s3:Get*") {
			b.Fatal("not covered")
		}
	}
}

func BenchmarkResourceCovers(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if !ResourceCovers("${todos.arn}/*", "${todos.arn}/index/*") {
			b.Fatal("not covered")
		}
	}
}

func BenchmarkTagsWildcard(b *testing.B) {
	c := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		if len(c.Tags("dynamodb:*", "*")) == 0 {
			b.Fatal("no tags")
		}
	}
}
