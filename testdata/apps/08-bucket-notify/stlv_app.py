# 08-bucket-notify: Bucket notifications (linking.md §6.1).
# - notify_function with `links=` and a FunctionConfig handler that has its own links: `links=`
#   come first, and the same table in both lists is linked twice under one name;
# - notify_function with a dict handler whose links include a hand-made Link;
# - notify_queue and notify_topic on the same bucket: they create no function.
from stelvio.app import StelvioApp
from stelvio.aws.dynamo_db import DynamoTable
from stelvio.aws.function import FunctionConfig
from stelvio.aws.queue import Queue
from stelvio.aws.s3 import Bucket
from stelvio.aws.topic import Topic
from stelvio.link import Link

app = StelvioApp("photos")


@app.run
def run() -> None:
    originals = Bucket("originals")
    previews = Bucket("previews")
    catalog = DynamoTable("catalog", fields={"key": "S"}, partition_key="key")
    moderation = Queue("moderation")
    deletions = Topic("deletions")
    vision = Link("vision-api", {"endpoint": "https://vision.example.com/v1"}, [])

    originals.notify_function(
        "make-preview",
        events=["s3:ObjectCreated:*"],
        filter_prefix="uploads/",
        filter_suffix=".jpg",
        function=FunctionConfig(handler="media/preview.handler", links=[catalog, vision], memory=1024),
        links=[previews, catalog],
    )
    originals.notify_function(
        "tag",
        events=["s3:ObjectCreated:Put"],
        filter_prefix="uploads/",
        function={"handler": "media/tag.handler", "links": [vision.add_properties(model="labels-v3")]},
    )
    originals.notify_queue("review", events=["s3:ObjectCreated:*"], filter_prefix="flagged/", queue=moderation)
    originals.notify_topic("removed", events=["s3:ObjectRemoved:*"], topic=deletions)
