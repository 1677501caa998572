"""The browser sign-in page of `/v1/auth/authorize`, in English and Arabic (right to left).

Small on purpose: one form, inline CSS, no scripts, every value passed through `html.escape`.
The sign-in form is the page's first form; the language switch is a plain link.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Sign in to weShape",
        "intro": "Sign in to continue in the weShape desktop app.",
        "email": "Email",
        "password": "Password",
        "submit": "Sign in",
        "other_lang": "العربية",
        "no_account": "No account yet? Create one in the weShape app.",
        "wrong": "The email or password is not right.",
        "rate_limited": "Too many attempts. Try again in {seconds} seconds.",
        "invalid": "This sign-in link cannot be used: {reason} Start the sign-in again from "
        "the weShape app.",
        "invalid_title": "Sign-in link not valid",
    },
    "ar": {
        "title": "تسجيل الدخول إلى weShape",
        "intro": "سجّل الدخول للمتابعة في تطبيق weShape لسطح المكتب.",
        "email": "البريد الإلكتروني",
        "password": "كلمة المرور",
        "submit": "تسجيل الدخول",
        "other_lang": "English",
        "no_account": "ليس لديك حساب؟ أنشئ حسابًا في تطبيق weShape.",
        "wrong": "البريد الإلكتروني أو كلمة المرور غير صحيحة.",
        "rate_limited": "محاولات كثيرة جدًا. حاول مرة أخرى بعد {seconds} ثانية.",
        "invalid": "لا يمكن استخدام رابط تسجيل الدخول هذا: {reason} ابدأ تسجيل الدخول مرة أخرى "
        "من تطبيق weShape.",
        "invalid_title": "رابط تسجيل الدخول غير صالح",
    },
}

# Why an authorize request was refused, in both languages.
REASONS: dict[str, dict[str, str]] = {
    "client_id": {
        "en": "it is not from the weShape app.",
        "ar": "الرابط ليس من تطبيق weShape.",
    },
    "redirect_uri": {
        "en": "it must return to the app on this computer (a loopback address).",
        "ar": "يجب أن يعود الرابط إلى التطبيق على هذا الحاسوب (عنوان محلي).",
    },
    "response_type": {
        "en": "it asks for something other than a sign-in code.",
        "ar": "الرابط يطلب شيئًا غير رمز تسجيل الدخول.",
    },
    "code_challenge": {
        "en": "its security challenge (PKCE, S256) is missing or malformed.",
        "ar": "رمز التحقق الأمني (PKCE، S256) مفقود أو غير صالح.",
    },
    "state": {"en": "its state value is malformed.", "ar": "قيمة الحالة فيه غير صالحة."},
}

STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;background:#f6f6f8;color:#1d1d24;margin:0}"
    "main{max-width:22rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:12px;"
    "box-shadow:0 2px 12px #0001}h1{font-size:1.4rem;margin:0 0 .5rem}"
    "label{display:block;margin-top:1rem;font-weight:600}"
    "input[type=email],input[type=password]{box-sizing:border-box;width:100%;padding:.5rem;"
    "font:inherit;border:1px solid #bbb;border-radius:6px}"
    "button{margin-top:1.5rem;width:100%;padding:.6rem;font:inherit;font-weight:600;border:0;"
    "border-radius:6px;background:#e5325d;color:#fff;cursor:pointer}"
    ".error{background:#fdecef;color:#9b1236;padding:.6rem;border-radius:6px}"
    ".small{font-size:.9rem;color:#555}"
)

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def page_lang(lang: str | None) -> str:
    return "ar" if lang == "ar" else "en"


def _document(lang: str, title: str, body: str) -> str:
    e = html.escape
    direction = "rtl" if lang == "ar" else "ltr"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def sign_in_page(
    params: Mapping[str, str],
    *,
    email: str = "",
    error: str | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The form, carrying the authorize `params` as hidden fields; `error` is a TEXTS key
    (formatted with `seconds` from `Retry-After` when rate limited)."""
    e = html.escape
    lang = page_lang(params.get("lang"))
    text = TEXTS[lang]
    hidden = "".join(
        f'<input type="hidden" name="{e(name)}" value="{e(value)}">'
        for name, value in params.items()
        if name != "lang"
    )
    message = ""
    if error is not None:
        seconds = (headers or {}).get("Retry-After", "")
        message = f'<p class="error" role="alert">{e(text[error].format(seconds=seconds))}</p>'
    other = "ar" if lang == "en" else "en"
    switch_href = "authorize?" + urlencode({**params, "lang": other})
    body = (
        f'<p class="small" style="text-align:end"><a href="{e(switch_href)}" lang="{other}">'
        f"{e(text['other_lang'])}</a></p>"
        f"<h1>{e(text['title'])}</h1><p>{e(text['intro'])}</p>{message}"
        f'<form method="post" action="authorize">{hidden}'
        f'<input type="hidden" name="lang" value="{lang}">'
        f'<label for="email">{e(text["email"])}</label>'
        f'<input id="email" name="email" type="email" autocomplete="username" required '
        f'dir="ltr" value="{e(email)}">'
        f'<label for="password">{e(text["password"])}</label>'
        f'<input id="password" name="password" type="password" '
        f'autocomplete="current-password" required dir="ltr">'
        f'<button type="submit">{e(text["submit"])}</button></form>'
        f'<p class="small">{e(text["no_account"])}</p>'
    )
    return HTMLResponse(
        _document(lang, text["title"], body),
        status_code=status_code,
        headers={**SECURITY_HEADERS, **(headers or {})},
    )


def invalid_request_page(lang: str | None, reason: str) -> HTMLResponse:
    """A 400 page for an authorize request that cannot be honoured; it never redirects."""
    e = html.escape
    lang = page_lang(lang)
    text = TEXTS[lang]
    message = text["invalid"].format(reason=REASONS[reason][lang])
    body = f'<h1>{e(text["invalid_title"])}</h1><p class="error">{e(message)}</p>'
    return HTMLResponse(
        _document(lang, text["invalid_title"], body), status_code=400, headers=SECURITY_HEADERS
    )
