"""What Slack says about an account: its verified email (users.info, users:read.email), for
linking members by their work email (SLACK_MATCH_EMAIL). The email is handed on, never kept
or logged here."""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core.models import Identity, Platform

log = logging.getLogger(__name__)


class SlackDirectory:
    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def verified_email(self, identity: Identity) -> str | None:
        if identity.platform is not Platform.SLACK:
            return None
        try:
            found = await self.client.users_info(user=identity.user_id)
        except SlackApiError as error:
            # missing_scope: the app lacks users:read.email; the bot works on without it.
            data = error.response.data
            reason = data.get("error") if isinstance(data, dict) else error.response.status_code
            log.warning("slack: users.info refused (%s)", reason)
            return None
        except OSError:
            log.warning("slack: users.info could not reach Slack")
            return None
        user = found.get("user")
        if not isinstance(user, dict) or user.get("is_bot") or user.get("deleted"):
            return None
        if user.get("is_email_confirmed") is False:
            return None
        email = (user.get("profile") or {}).get("email")
        return email if isinstance(email, str) and email else None
