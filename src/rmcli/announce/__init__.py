"""Introduce the people of every new match to each other: messages, outbox and sending.

`message` builds one email per person and match from the templates under
templates/announce/, `attachment` gives each its calendar, `send` hands them to an SMTP
server, and `record` keeps which went out (sent.toml), so that nothing is sent twice.
"""
