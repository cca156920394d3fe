# 14-infra-packages: components spread over local packages (app-and-cli.md §1.4).
# - `infra/` is a regular package (with __init__.py); `settings/` is a namespace package
#   (no __init__.py); module-level constants come from both;
# - relative imports inside infra/ (`from . import naming`, `from .tables import ...`);
# - `modules=["infra.jobs", "infra/extra/*.py"]`: infra.jobs creates components at module level
#   after @app.run; the glob entry imports nothing at Stelvio 0.9.0b5, so `infra/extra/nightly.py`
#   creates no function (its folder nightly/ gets no file);
# - a component registry shared through a module-level dict in infra/tables.py.
from stelvio.app import StelvioApp
from stelvio.aws.function import Function

from infra.tables import create_tables
from settings.limits import DEFAULT_TIMEOUT, REPORT_TIMEOUT

app = StelvioApp("platform", modules=["infra.jobs", "infra/extra/*.py"])


@app.run
def run() -> None:
    tables = create_tables()
    Function(
        "report",
        handler="reports/report.handler",
        links=[tables["accounts"], tables["usage"]],
        timeout=REPORT_TIMEOUT,
    )
    Function("health", handler="reports/health.handler", timeout=DEFAULT_TIMEOUT)
