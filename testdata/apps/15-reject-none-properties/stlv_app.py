# 15-reject-none-properties: Stelvio rejects the app (linking.md §1.2, §10 #1).
# A hand-made Link with properties=None (meant as "permissions only") makes function creation
# fail with TypeError when Stelvio maps the link's property names. The right spelling is {}.
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import Function
from stelvio.aws.permission import AwsPermission
from stelvio.link import Link

app = StelvioApp("vault")

SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vault/master-key-*"


@app.run
def run() -> None:
    grants = DynamoTable("grants", fields={"grant_id": "S"}, partition_key="grant_id")
    master_key = Link(
        "master-key",
        None,
        [AwsPermission(actions=["secretsmanager:GetSecretValue"], resources=[SECRET_ARN])],
    )
    Function("issue-grant", handler="functions/grants.issue", links=[grants])
    Function("unseal", handler="functions/unseal.handler", links=[grants, master_key])
