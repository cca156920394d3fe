# 20-reject-email-no-dns: Stelvio rejects a domain email identity without a DNS provider.
# - the address identity "support@..." needs no DNS and is accepted;
# - "alerts.example.com" (no "@") is a domain identity: it gets a default DMARC record, and
#   neither dns= nor the app config's dns= gives a provider to write it with.
from stelvio.app import StelvioApp
from stelvio.aws.email import Email
from stelvio.aws.function import Function
from stelvio.config import StelvioAppConfig

app = StelvioApp("alerting")


@app.config
def configuration(env: str) -> StelvioAppConfig:
    return StelvioAppConfig()


@app.run
def run() -> None:
    support = Email("support", "support@alerting.example.com", dns=False)
    alerts = Email("alerts", "alerts.example.com")
    Function("send-alert", handler="mail/alerts.send", links=[alerts, support])
