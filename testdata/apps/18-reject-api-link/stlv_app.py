# 18-reject-api-link: Stelvio rejects the app (linking.md §3.2, §10 #13).
# An Api in `links=`. At 0.9.0b5 an Api has no link() method, so Stelvio raises AttributeError
# while it creates `smoke-test`. (Stelvio 0.10 makes its RestApi/HttpApi linkable; a reader
# must key this on the detected version.)
from stelvio.app import StelvioApp
from stelvio.aws.api_gateway import Api
from stelvio.aws.function import Function

app = StelvioApp("status-page")


@app.run
def run() -> None:
    api = Api("status-api")
    api.route("GET", "/status", "functions/status.handler")
    Function("smoke-test", handler="functions/smoke.handler", links=[api])
