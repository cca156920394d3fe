from stelvio.aws.dynamo_db import DynamoTable

from . import naming

TABLES: dict[str, DynamoTable] = {}


def create_tables() -> dict[str, DynamoTable]:
    for name in naming.TABLE_NAMES:
        TABLES[name] = DynamoTable(name, fields={"id": "S"}, partition_key="id")
    return TABLES
