"""Members' questions the bot handed to the organisers: reply (the member gets the answer by
DM) and, if it helps others, add it to the FAQ."""

from __future__ import annotations

from aiohttp import web

from bot.web.context import deps, form, organiser
from bot.web.render import csv_response, page, see_other
from bot.web.security import new_nonce

routes = web.RouteTableDef()


@routes.get("/questions")
async def questions(request: web.Request) -> web.Response:
    organiser(request, "members' questions")
    waiting = await deps(request).questions.waiting(100)
    return page(
        request, "questions.html", waiting=waiting, nonce=new_nonce, done=request.query.get("done")
    )


@routes.post("/questions/{id}/reply")
async def reply(request: web.Request) -> web.StreamResponse:
    me, found = organiser(request, "members' questions"), deps(request)
    fields = await form(request)
    text = request.match_info["id"]
    if not text.isdigit():
        raise web.HTTPNotFound()
    if await found.dashboard.first_post(fields.get("nonce", "")):
        done = await found.questions.reply(int(text), fields.get("answer", ""), "faq" in fields, me)
        raise see_other(f"/dashboard/questions?done={done.outcome}")
    raise see_other("/dashboard/questions")


@routes.get("/questions.csv")
async def questions_csv(request: web.Request) -> web.Response:
    organiser(request, "members' questions")
    rows = [
        (q.id, q.asked_at, q.branch or "", q.text)
        for q in await deps(request).questions.waiting(1000)
    ]
    return csv_response(request, "questions.csv", ("id", "asked_at", "branch", "question"), rows)
