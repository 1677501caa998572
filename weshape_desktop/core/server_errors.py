"""The server's error codes (`{"error": code}`, DESIGN §5), each turned into our own sentence.

The server's `message` is English written for developers; it never reaches the user, in either
language. A code this table doesn't know (a newer server) falls back on its HTTP status.
"""

from __future__ import annotations

from collections.abc import Mapping

from weshape_desktop.core.errors import (
    QT_TRANSLATE_NOOP,
    AccountPasswordError,
    EmailTakenError,
    InvalidEmailError,
    InvalidNameError,
    NotFoundError,
    PolicyNotAcceptedError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    SignInRequiredError,
    WeakPasswordError,
    WeshapeError,
    WrongPasswordError,
)


class IncompatibleServerError(RequestRejectedError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The server at this address doesn't work the way this app expects. Check the server "
        "address in the settings, or update weShape Desktop.",
    )


class ForbiddenError(RequestRejectedError):
    message = QT_TRANSLATE_NOOP("Errors", "Your account is not allowed to do this.")


class RequestTooLargeError(RequestRejectedError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "This was too much to send to the server at once. Try again with less."
    )


class CatalogChangedError(RequestRejectedError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "The catalog changed while you were browsing. Search again to reload it."
    )


class ResumeRefusedError(RequestRejectedError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "The server couldn't continue this download where it stopped. Try again."
    )


class UnknownPolicyVersionError(RequestRejectedError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The server doesn't know this version of the privacy policy. Restart the app to read "
        "the current one.",
    )


# Every code the reference server sends (tests/core/test_server_errors.py keeps this whole).
SERVER_ERRORS: Mapping[str, type[WeshapeError]] = {
    "bad_request": IncompatibleServerError,
    "invalid_request": IncompatibleServerError,
    "method_not_allowed": IncompatibleServerError,
    "not_acceptable": IncompatibleServerError,
    "unsupported_media_type": IncompatibleServerError,
    "unsupported_grant_type": IncompatibleServerError,
    "http_error": IncompatibleServerError,
    "unauthorized": SignInRequiredError,
    "invalid_token": SignInRequiredError,
    "invalid_grant": WrongPasswordError,
    "forbidden": ForbiddenError,
    "not_found": NotFoundError,
    "too_large": RequestTooLargeError,
    "range_not_satisfiable": ResumeRefusedError,
    "rate_limited": RateLimitedError,
    "internal_error": ServerError,
    "store_unavailable": ServerError,  # a 503: the server can't reach its file store
    "bad_cursor": CatalogChangedError,
    "email_taken": EmailTakenError,
    "invalid_email": InvalidEmailError,
    "weak_password": WeakPasswordError,
    "invalid_name": InvalidNameError,
    "policy_not_accepted": PolicyNotAcceptedError,
    "wrong_password": AccountPasswordError,
    "unknown_policy_version": UnknownPolicyVersionError,
}


def server_error(
    status: int, code: str, detail: str, retry_after: str | None = None
) -> WeshapeError:
    """The typed error for an error answer: its HTTP `status` and `code`; `retry_after` is
    a 429's header (seconds; anything else counts as a minute)."""
    if status == 429 or code == "rate_limited":
        seconds = retry_after if retry_after and retry_after.isdigit() else "60"
        return RateLimitedError(seconds, detail=detail)
    if status >= 500 or SERVER_ERRORS.get(code) is ServerError:
        return ServerError(str(status), detail=detail)
    kind = SERVER_ERRORS.get(code) or _BY_STATUS.get(status, RequestRejectedError)
    return kind(detail=detail)


_BY_STATUS: Mapping[int, type[WeshapeError]] = {
    401: SignInRequiredError,
    403: ForbiddenError,
    404: NotFoundError,
}
