# 10-email: Email components as link targets (linking.md §3.1, §10 #24).
# - sandbox=True: the send statement's resource is the literal "*";
# - address identities with dns=False (no DNS records needed; before 0.10.0b6 dns=False falls
#   back to the app's DNS, which is fine for an address), one given in config={...};
# - the configuration set name is "<name>-config-set", without the app/env prefix;
# - an Email link narrowed with remove_properties and with_permissions.
from stelvio.app import StelvioApp
from stelvio.aws.email import Email
from stelvio.aws.function import Function
from stelvio.aws.permission import AwsPermission
from stelvio.aws.topic import Topic

app = StelvioApp("mailer")


@app.run
def run() -> None:
    bounces = Topic("bounces")
    no_reply = Email("no-reply", "no-reply@mailer.example.com", sandbox=True, dns=False)
    news = Email("newsletter", "newsletter@news.example.com", dns=False)
    receipts = Email("receipts", config={"sender": "receipts@mailer.example.com", "dns": False})

    Function("send-newsletter", handler="mail/newsletter.send", links=[news, bounces], timeout=300)
    Function("send-reset", handler="mail/reset.send", links=[no_reply])
    Function(
        "send-receipt",
        handler="billing/receipt.send",
        links=[
            receipts.link()
            .remove_properties("configuration_set_arn", "email_identity_arn")
            .with_permissions(
                AwsPermission(actions=["ses:SendRawEmail"], resources=[receipts.resources.identity.arn]),
            ),
        ],
    )
    bounces.subscribe("suppress", "mail/bounces.handler", links=[news, no_reply, receipts])
