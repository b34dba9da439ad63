"""The basics with the synchronous client: run a model, run one in steps, list, handle errors.

    export REPLICATE_API_TOKEN=r8_...
    python examples/sync_basics.py

To try it without an account, serve the local emulator in another terminal
(``python -m replicate.testing serve``) and export the two variables it prints.
"""

from __future__ import annotations

from itertools import islice

import replicate
from replicate.exceptions import AuthenticationError, NotFoundError

MODEL = "replicate/hello-world"


def main() -> None:
    # The client reads REPLICATE_API_TOKEN and, if set, REPLICATE_BASE_URL. Using it as a
    # context manager closes its connection pool at the end.
    with replicate.Replicate() as client:
        # run(): create a prediction, wait for it to finish, return its output.
        output = client.run(MODEL, input={"text": "sync world"})
        print(f"run: {output}")

        # The same in steps, for when you want the prediction itself: its id, status and
        # logs. create() returns as soon as the prediction is queued.
        prediction = client.predictions.create(model=MODEL, input={"text": "step by step"})
        print(f"created prediction {prediction.id} ({prediction.status})")
        prediction.wait()  # polls until the prediction succeeds, fails or is canceled
        print(f"prediction {prediction.id} {prediction.status}: {prediction.output}")

        # Lists come a page at a time. Iterating over one fetches the following pages as
        # you go, so islice() stops after five predictions without loading everything.
        print("recent predictions:")
        for recent in islice(client.predictions.list(), 5):
            print(f"  {recent.id} {recent.status}")

        first_page = client.predictions.list()
        print(
            f"first page: {len(first_page.results)} predictions, more: {first_page.has_next_page()}"
        )

        # Errors the API reports are exceptions, one class per status code, carrying the
        # API's explanation.
        try:
            client.models.get("replicate/no-such-model")
        except NotFoundError as error:
            print(f"not found ({error.status_code}): {error.detail}")

        with replicate.Replicate(bearer_token="r8_not_a_real_token") as stranger:
            try:
                stranger.account.get()
            except AuthenticationError as error:
                print(f"unauthenticated ({error.status_code}): {error.detail}")


if __name__ == "__main__":
    main()
