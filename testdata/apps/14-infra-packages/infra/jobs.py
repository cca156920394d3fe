# Imported by drive() after @app.run, so the tables already exist.
from stelvio.aws.cron import Cron
from stelvio.aws.function import Function
from stelvio.aws.queue import Queue

from settings.limits import DEFAULT_TIMEOUT

from .naming import job_name
from .tables import TABLES

billing_queue = Queue("billing-jobs")

invoice = Function(
    job_name("invoice"),
    handler="jobs/invoice.handler",
    links=[TABLES["invoices"], TABLES["accounts"], billing_queue],
    timeout=DEFAULT_TIMEOUT,
)
Cron(job_name("usage-rollup"), "rate(1 hour)", "jobs/rollup.handler", links=[TABLES["usage"], invoice])
