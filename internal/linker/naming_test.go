package linker

import (
	"errors"
	"testing"
)

// appendixA is linking.md Appendix A: link name, class (without "Resource"),
// LinkedResources attribute and env var prefix, as Stelvio HEAD computes them.
var appendixA = []struct{ link, class, attr, env string }{
	{"todos", "Todos", "todos", "STLV_TODOS"},
	{"user-table", "UserTable", "user_table", "STLV_USER_TABLE"},
	{"user_table", "UserTable", "user_table", "STLV_USER_TABLE"},
	{"user.table", "UserTable", "user_table", "STLV_USER_TABLE"},
	{"userTable", "UserTable", "user_table", "STLV_USERTABLE"},
	{"UserTable", "UserTable", "user_table", "STLV_USERTABLE"},
	{"myAPITest", "MyApiTest", "my_api_test", "STLV_MYAPITEST"},
	{"XMLParser", "XmlParser", "xml_parser", "STLV_XMLPARSER"},
	{"HTTPServer2", "HttpServer2", "http_server2", "STLV_HTTPSERVER2"},
	{"table2go", "Table2Go", "table2_go", "STLV_TABLE2GO"},
	{"2fa-codes", "TwoFaCodes", "two_fa_codes", "STLV_TWOFA_CODES"},
	{"9lives", "NineLives", "nine_lives", "STLV_NINELIVES"},
	{"api-v2", "ApiV2", "api_v2", "STLV_API_V2"},
	{"ABC", "Abc", "abc", "STLV_ABC"},
	{"aBC", "ABc", "a_bc", "STLV_ABC"},
	{"orders.fifo", "OrdersFifo", "orders_fifo", "STLV_ORDERS_FIFO"},
	{"orders-sqs", "OrdersSqs", "orders_sqs", "STLV_ORDERS_SQS"},
	{"my  table", "MyTable", "my_table", "STLV_MY__TABLE"},
	{"café", "Caf", "caf", "STLV_CAFÉ"},
	{"Aé", "Aé", "aé", "STLV_AÉ"},
	{"x--y", "XY", "x_y", "STLV_X__Y"},
	{"__init__", "Init", "init", "STLV___INIT__"},
	{"S3Bucket", "S3Bucket", "s3_bucket", "STLV_S3BUCKET"},
	{"s3bucket", "S3Bucket", "s3_bucket", "STLV_S3BUCKET"},
	{"OAuth2Client", "OAuth2Client", "o_auth2_client", "STLV_OAUTH2CLIENT"},
	{"a1b2", "A1B2", "a1_b2", "STLV_A1B2"},
	{"123", "One23", "one23", "STLV_ONE23"},
	{"---", "", "", "STLV____"},
	{"ümlaut", "Mlaut", "mlaut", "STLV_ÜMLAUT"},
	{"my$table", "MyTable", "my_table", "STLV_MY_TABLE"},
	{"A_B_C", "ABC", "a_b_c", "STLV_A_B_C"},
	{"getHTTPResponseCode", "GetHttpResponseCode", "get_http_response_code", "STLV_GETHTTPRESPONSECODE"},
	{"v2Api", "V2Api", "v2_api", "STLV_V2API"},
	{"IPv6Addr", "IPv6Addr", "i_pv6_addr", "STLV_IPV6ADDR"},
}

func TestAppendixA(t *testing.T) {
	for _, c := range appendixA {
		class, err := ClassName(c.link, CodegenV3)
		if err != nil || class != c.class {
			t.Errorf("ClassName(%q) = %q, %v; want %q", c.link, class, err, c.class)
		}
		if attr := AttributeName(class, CodegenV3); attr != c.attr {
			t.Errorf("AttributeName(%q) = %q; want %q", class, attr, c.attr)
		}
		env, err := EnvVarPrefix(c.link)
		if err != nil || env != c.env {
			t.Errorf("EnvVarPrefix(%q) = %q, %v; want %q", c.link, env, err, c.env)
		}
	}
}

func TestEnvVarName(t *testing.T) {
	cases := []struct{ link, prop, want string }{
		{"orders", "table_arn", "STLV_ORDERS_TABLE_ARN"},
		{"x", "api-url", "STLV_X_API-URL"},     // the property is never cleaned
		{"straße", "maß", "STLV_STRASSE_MASS"}, // full upper-case mapping
		{"ﬁle", "x", "STLV_FILE_X"},            // ligature expands
		{"customers-web", "client_id", "STLV_CUSTOMERS_WEB_CLIENT_ID"},
	}
	for _, c := range cases {
		got, err := EnvVarName(c.link, c.prop)
		if err != nil || got != c.want {
			t.Errorf("EnvVarName(%q, %q) = %q, %v; want %q", c.link, c.prop, got, err, c.want)
		}
	}
}

func TestNameErrors(t *testing.T) {
	cases := []struct {
		link      string
		env       string // exception from EnvVarPrefix, "" for none
		class     string // exception from ClassName v3
		classV1V2 string
	}{
		{"", "IndexError", "", ""},
		{"²fa", "KeyError", "", "KeyError"}, // v3 drops "²" (not \d) and gives "Fa"
		{"١x", "KeyError", "KeyError", "KeyError"},
		{"x²", "", "", ""},
		{"-²", "", "KeyError", "KeyError"}, // env starts with "_", the class with "²"
	}
	for _, c := range cases {
		_, err := EnvVarPrefix(c.link)
		checkException(t, "EnvVarPrefix", c.link, err, c.env)
		_, err = ClassName(c.link, CodegenV3)
		checkException(t, "ClassName v3", c.link, err, c.class)
		_, err = ClassName(c.link, CodegenV2)
		checkException(t, "ClassName v2", c.link, err, c.classV1V2)
	}
	if _, err := EnvVarPrefix("a\xffb"); err == nil {
		t.Error("EnvVarPrefix accepted invalid UTF-8")
	}
}

func checkException(t *testing.T, fn, link string, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Errorf("%s(%q): unexpected error %v", fn, link, err)
		}
		return
	}
	var ne *NameError
	if !errors.As(err, &ne) || ne.Exception != want {
		t.Errorf("%s(%q) error = %v; want a NameError with %s", fn, link, err, want)
	}
}

func TestLegacyClassAndAttributeNames(t *testing.T) {
	// linking.md §9.3: v1 renders XMLParser as Xmlparser/xmlparser, 2fa as Twofa.
	cases := []struct{ link, class, camel, snake string }{
		{"orders-stream", "OrdersStream", "ordersStream", "orders_stream"},
		{"XMLParser", "Xmlparser", "xmlparser", "xmlparser"},
		{"2fa", "Twofa", "twofa", "twofa"},
		{"myTable", "Mytable", "mytable", "mytable"},
		{"user_table", "UserTable", "userTable", "user_table"},
		{"a-b-c", "ABC", "abc", "a_b_c"},
	}
	for _, c := range cases {
		class, err := ClassName(c.link, CodegenV1)
		if err != nil || class != c.class {
			t.Errorf("ClassName(%q, v1) = %q, %v; want %q", c.link, class, err, c.class)
		}
		if got := AttributeName(class, CodegenV1); got != c.camel {
			t.Errorf("AttributeName(%q, v1) = %q; want %q", class, got, c.camel)
		}
		if got := AttributeName(class, CodegenV2); got != c.snake {
			t.Errorf("AttributeName(%q, v2) = %q; want %q", class, got, c.snake)
		}
	}
}

func TestSafeName(t *testing.T) {
	long := "my-api-functions-orders-handler_process-with-a-really-long-name"
	cases := []struct {
		name   string
		max    int
		suffix string
		want   string
	}{
		{"process-user-orders", 64, "", "myapp-dev-process-user-orders"},
		{"process-user-orders", 64, "-r", "myapp-dev-process-user-orders-r"},
		{"process-user-orders", 128, "-p", "myapp-dev-process-user-orders-p"},
		{long, 64, "", "myapp-dev-my-api-functions-orders-handler_proces-e9094f0"},
		{long, 64, "-r", "myapp-dev-my-api-functions-orders-handler_proc-e9094f0-r"},
		{long, 128, "-p", "myapp-dev-" + long + "-p"},
		{"orders", 80, ".fifo", "myapp-dev-orders.fifo"},
	}
	for _, c := range cases {
		got, err := SafeName("myapp-dev-", c.name, c.max, c.suffix)
		if err != nil || got != c.want {
			t.Errorf("SafeName(%q, %d, %q) = %q, %v; want %q", c.name, c.max, c.suffix, got, err, c.want)
		}
	}
	// Lengths count code points: 50 "é" fit where 50 two-byte runes would not as bytes.
	name := ""
	for range 50 {
		name += "é"
	}
	if got, err := SafeName("p-", name, 60, ""); err != nil || got != "p-"+name {
		t.Errorf("SafeName with 50 runes = %q, %v", got, err)
	}
	for _, bad := range []struct {
		name string
		max  int
	}{{" \t", 64}, {"x", 10}, {long, 20}} {
		if got, err := SafeName("myapp-dev-", bad.name, bad.max, ""); err == nil {
			t.Errorf("SafeName(%q, %d) = %q; want an error", bad.name, bad.max, got)
		}
	}
}
