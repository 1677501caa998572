"""Typed errors that carry a message a person can act on.

Core is Qt-free, so messages are English source strings marked with `QT_TRANSLATE_NOOP`; the UI
translates them with context "Errors" (pyside6-lupdate collects them from this file).
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # lupdate looks for this name
    """Mark `text` for translation without translating it here."""
    del context
    return text


class WeshapeError(Exception):
    """Base class: `message` is an English sentence template with %1, %2… placeholders."""

    message = QT_TRANSLATE_NOOP("Errors", "Something went wrong.")

    def __init__(self, *args: str, detail: str = "") -> None:
        self.args_ = args
        self.detail = detail  # technical detail for logs, never shown as the main message
        super().__init__(self.english())

    def english(self) -> str:
        """The message with placeholders filled, in English."""
        return fill_placeholders(self.message, self.args_)


def fill_placeholders(template: str, args: tuple[str, ...]) -> str:
    """Replace %1…%9 like QString.arg does."""
    for i, value in enumerate(args, start=1):
        template = template.replace(f"%{i}", value)
    return template


class InsecureServerError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The server address %1 is not secure. Use an https:// address "
        "(plain http:// is only allowed for this computer).",
    )


class InvalidServerAddressError(InsecureServerError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The server address %1 can't be used. Write it like https://weshape.example, without a "
        "user name, password, spaces, backslashes, “?” or “#”.",
    )


class OfflineError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "Can't reach the weShape server. Check your internet connection, then try again.",
    )


class ServerTimeoutError(OfflineError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "The weShape server took too long to answer. Try again in a moment."
    )


class ServerError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "The weShape server had a problem (%1). Try again in a moment."
    )


class BadResponseError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The weShape server sent an answer this app doesn't understand. "
        "Try again later, or check the server address in the settings.",
    )


class NotFoundError(WeshapeError):
    message = QT_TRANSLATE_NOOP("Errors", "This illustration is no longer in the catalog.")


class RateLimitedError(WeshapeError):
    message = QT_TRANSLATE_NOOP("Errors", "Too many requests. Wait %1 seconds, then try again.")


class RequestRejectedError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The weShape server refused this request. Try again; if it keeps happening, update "
        "weShape Desktop.",
    )


class SignInRequiredError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "Please sign in to continue. Your session may have ended."
    )


# -- downloads (DESIGN §7) ------------------------------------------------------------------------


class DownloadDamagedError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "The downloaded file for “%1” was damaged (checksum mismatch). Try again."
    )


class DownloadIncompleteError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The download of “%1” stopped before the end. Check your connection, then try again.",
    )


class UnsafeDownloadError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "“%1” was not saved because the file could be harmful: %2",
    )


class PngExportError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "“%1” could not be turned into a PNG image: %2 Try the SVG format instead."
    )


class DiskFullError(WeshapeError):
    message = QT_TRANSLATE_NOOP("Errors", "The disk is full. Free some space, then try again.")


class LibraryNotWritableError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "weShape Desktop can't write to the library folder %1. Choose another folder in the "
        "settings or check its permissions.",
    )


class LibraryFolderMissingError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The library folder %1 doesn't exist. Reconnect the drive it is on, or choose another "
        "folder in the settings.",
    )


class DiskError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "weShape Desktop couldn't save a file in the library folder %1: %2"
    )


# -- accounts and sign-in (DESIGN §5) -------------------------------------------------------------


class KeyringUnavailableError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "No keyring is available to keep you signed in. Install and unlock GNOME Keyring or "
        "KWallet, or sign in for this session only.",
    )


class WrongPasswordError(WeshapeError):
    message = QT_TRANSLATE_NOOP("Errors", "The email or password is not right.")


class AccountPasswordError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "That password is not right. Your account was not deleted; try again."
    )


class EmailTakenError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "An account with this email already exists. Sign in instead, or use another email.",
    )


class InvalidEmailError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "This email address doesn't look right. Check it, then try again."
    )


class WeakPasswordError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "This password is too easy to guess. Choose a longer one, such as a few unrelated words.",
    )


class InvalidNameError(WeshapeError):
    message = QT_TRANSLATE_NOOP("Errors", "Enter your name as you'd like it shown.")


class PolicyNotAcceptedError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "Please read the privacy policy and tick “I have read the privacy policy” to create "
        "an account.",
    )


class BrowserSignInTimeoutError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The browser sign-in took too long, so it was stopped. Try again, or sign in with your "
        "email and password.",
    )


class BrowserSignInCancelledError(WeshapeError):
    message = QT_TRANSLATE_NOOP("Errors", "The browser sign-in was cancelled.")


class BrowserSignInFailedError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "The browser sign-in didn't complete. Try again from the sign-in window."
    )


class BrowserOpenError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "Couldn't open your web browser. Sign in with your email and password instead.",
    )


# -- the local library (DESIGN §6) ----------------------------------------------------------------


class LibraryTooNewError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "This library was made by a newer version of weShape Desktop. Update the app to open it.",
    )


class LibraryOpenError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "weShape Desktop can't open its library database in %1: %2 Check that the folder exists "
        "and that you can write to it.",
    )


class CollectionNotFoundError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "This collection no longer exists. It may have been deleted on another computer.",
    )


# -- using illustrations: export, copy, drag (DESIGN §1) ------------------------------------------


class NoSvgFileError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "There is no SVG file of “%1” on this computer. Download it as SVG, then try again.",
    )


class LibraryFileMissingError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The file of “%1” is no longer in the library folder (%2). Put it back, or download "
        "it again.",
    )


class LibraryFileUnreadableError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "weShape Desktop couldn't read the file %1: %2 Check its permissions."
    )


class UnsafeLibraryFileError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "“%1” can't be used because its file could be harmful: %2 Download it again.",
    )


class ExportNotWritableError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "weShape Desktop can't write to the folder %1. Choose another folder, or check its "
        "permissions.",
    )


class ExportFailedError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "The file %1 could not be saved: %2 Choose another folder, then try again."
    )


# -- settings -------------------------------------------------------------------------------------


class LibraryMoveTargetError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The library can't move to %1: choose an empty folder that is neither inside the "
        "current library folder nor contains it.",
    )


class LibraryMoveFailedError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The library could not be moved to %1 (%2). Nothing was changed: the library is still "
        "in its old folder.",
    )


class LibraryMoveCancelledError(WeshapeError):
    message = QT_TRANSLATE_NOOP(
        "Errors", "Moving the library was cancelled. It is still in its old folder."
    )
