"""slack/manifest.yml creates the app the bot expects: every bot event it acts on (and none
it ignores), the slash command, interactivity, the App Home tab, the scopes those need,
and every request URL at the path the bot serves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.adapters.slack.app import EVENTS_PATH
from bot.adapters.slack.translate import EVENTS
from bot.settings import Settings

MANIFEST: dict[str, Any] = yaml.safe_load(
    (Path(__file__).parent.parent / "slack" / "manifest.yml").read_text()
)
# The scope each subscribed event needs (Slack refuses a manifest that lacks one).
NEEDS = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "member_joined_channel": "channels:read",
    "channel_": "channels:read",
    "group_": "groups:read",
}


def test_the_manifest_subscribes_to_exactly_the_events_the_bot_acts_on() -> None:
    settings = MANIFEST["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == set(EVENTS)
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    for event in EVENTS:
        needed = [scope for prefix, scope in NEEDS.items() if event.startswith(prefix)]
        assert set(needed) <= scopes, event


def test_the_manifest_has_the_command_interactivity_home_and_urls() -> None:
    default = Settings.model_fields["slack_command"].default
    [command] = MANIFEST["features"]["slash_commands"]
    assert command["command"] == default
    assert command["should_escape"] is False  # the bot unescapes &, <, > itself
    settings = MANIFEST["settings"]
    assert settings["interactivity"]["is_enabled"] is True
    home = MANIFEST["features"]["app_home"]
    assert home["home_tab_enabled"] and home["messages_tab_enabled"]
    assert not home["messages_tab_read_only_enabled"]
    urls = [
        command["url"],
        settings["interactivity"]["request_url"],
        settings["event_subscriptions"]["request_url"],
    ]
    assert all(url.endswith(EVENTS_PATH) and url.startswith("https://") for url in urls)
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    # replies and broadcasts, /campaign, the member's own DM and /mydata's file
    assert {"chat:write", "commands", "im:write", "files:write"} <= scopes
    assert settings["socket_mode_enabled"] is False and settings["token_rotation_enabled"] is False
