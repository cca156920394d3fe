# Matched only by the glob entry "infra/extra/*.py", which imports nothing at Stelvio 0.9.0b5.
from stelvio.aws.function import Function

from infra.tables import TABLES

Function("nightly", handler="nightly/nightly.handler", links=[TABLES["usage"]])
