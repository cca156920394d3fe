# 09-cognito: UserPool triggers, clients and identity pools as link targets (linking.md §3.1, §6.1).
# - triggers given as a FunctionConfig with links, a Function instance (keeps its own name and
#   links), a dict, and a plain string (no links possible);
# - add_client with and without generate_secret: only the secret client has `client_secret`;
# - IdentityPool with allow_unauthenticated=True (adds unauthenticated_role_arn) and without;
#   identity pool links carry properties but no permissions.
from stelvio.app import StelvioApp
from stelvio.aws.cognito import IdentityPool, UserPool
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function, FunctionConfig
from stelvio.aws.queue import Queue

app = StelvioApp("members")


@app.run
def run() -> None:
    profiles = DynamoTable("profiles", fields={"user_id": "S"}, partition_key="user_id")
    welcome = Queue("welcome-emails")
    on_confirm = Function("on-confirm", handler="triggers/confirm.handler", links=[profiles, welcome])

    pool = UserPool(
        "members",
        usernames=["email"],
        triggers={
            "pre_sign_up": FunctionConfig(handler="triggers/signup.pre_sign_up", links=[profiles]),
            "post_confirmation": on_confirm,
            "pre_token_generation": {"handler": "triggers/tokens.enrich", "links": [profiles], "memory": 256},
            "custom_message": "triggers/messages.custom",
        },
    )
    web = pool.add_client("web", callback_urls=["https://members.example.com/callback"])
    server = pool.add_client("server", generate_secret=True)

    guests = IdentityPool(
        "guests",
        user_pools=[{"user_pool": pool, "client": web}],
        allow_unauthenticated=True,
    )
    staff = IdentityPool("staff", user_pools=[{"user_pool": pool, "client": server}])

    Function("admin", handler="admin/users.handler", links=[pool, server, guests, staff])
    Function("public-config", handler="admin/config.handler", links=[web, guests])
