"""`run_now`: a coroutine run in place when it does not wait, carried on by the caller when it does."""

from __future__ import annotations

import asyncio

import pytest

from runtime.plugins.socketio.client import run_now


async def test_a_coroutine_that_does_not_wait_finishes_in_place():
    done = []

    async def quick() -> None:
        done.append(1)

    assert run_now(quick()) is None
    assert done == [1]


async def test_errors_of_a_coroutine_that_does_not_wait_are_raised_in_place():
    async def broken() -> None:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        run_now(broken())


async def test_a_coroutine_that_waits_is_carried_on_by_awaiting_the_rest():
    steps = []

    async def slow() -> str:
        steps.append("before")
        await asyncio.sleep(0.01)
        steps.append("after")
        return "result"

    rest = run_now(slow())
    assert rest is not None and steps == ["before"]
    assert await rest == "result"
    assert steps == ["before", "after"]


async def test_the_rest_raises_and_can_be_cancelled():
    async def fails_later() -> None:
        await asyncio.sleep(0)
        raise RuntimeError("later")

    with pytest.raises(RuntimeError, match="later"):
        await run_now(fails_later())

    cleaned = []

    async def forever() -> None:
        try:
            await asyncio.sleep(3600)
        finally:
            cleaned.append(True)

    async def wait_for(rest) -> None:
        await rest

    task = asyncio.get_running_loop().create_task(wait_for(run_now(forever())))
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert cleaned == [True]
