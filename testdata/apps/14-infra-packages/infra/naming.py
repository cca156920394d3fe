TABLE_NAMES = ("accounts", "usage", "invoices")
JOB_PREFIX = "job"


def job_name(name: str) -> str:
    return f"{JOB_PREFIX}-{name}"
