"""Pull a form's submissions straight from an ODK Central or KoboToolbox server, with the
token of an account there, and hand them to the same import as a file.

The two APIs, as far as they are used here:

- ODK Central: ``GET /v1/projects/{project}/forms/{form}.svc/Submissions`` (OData JSON,
  ``value``; pages by ``$top`` and ``$skip``), with ``Authorization: Bearer {token}``.
- KoboToolbox: ``GET /api/v2/assets/{form}/data/?format=json`` (``results`` and ``next``),
  with ``Authorization: Token {token}``.

The token is read from a file, sent only in that header, and never written anywhere: not
in a message, not in the audit trail. Plain ``http://`` is refused except on this machine
(it would send the token in the clear), redirects are not followed, a next page must be on
the same server, and the whole answer is capped in size. Whatever goes wrong (server down,
token refused, no answer in time, an answer that is not the JSON expected) is one sentence
and nothing is imported.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import httpx

from desktop.i18n import _

from .safe_read import MAX_ROWS, BadFile, SheetData
from .tabular import json_rows, submission_list

MAX_ANSWER_BYTES = 100 * 1024 * 1024
"""All pages of one pull together: far more than any office's forms hold."""
TIMEOUT_SECONDS = 30.0
PAGE_SIZE = 1000
MAX_TOKEN_BYTES = 4096


@dataclass(frozen=True)
class ServerForm:
    """A form on a server: ODK Central when ``project`` is given, KoboToolbox otherwise
    (Kobo names a form by its asset id alone)."""

    url: str
    form: str
    project: str = ""

    @property
    def kind(self) -> str:
        return "ODK Central" if self.project else "KoboToolbox"

    def first_page(self) -> str:
        return self.central_page(0) if self.project else self.kobo_page()

    def central_page(self, number: int) -> str:
        """Central's pages are asked for by number: its next-page links carry the address
        it was set up with, which need not be the one this office uses to reach it."""
        base, form = self.url.rstrip("/"), quote(self.form, safe="")
        project = quote(self.project, safe="")
        top, skip = PAGE_SIZE, number * PAGE_SIZE
        return f"{base}/v1/projects/{project}/forms/{form}.svc/Submissions?$top={top}&$skip={skip}"

    def kobo_page(self) -> str:
        base, form = self.url.rstrip("/"), quote(self.form, safe="")
        return f"{base}/api/v2/assets/{form}/data/?format=json&limit={PAGE_SIZE}"

    def authorization(self, token: str) -> str:
        return f"Bearer {token}" if self.project else f"Token {token}"


def read_token(path: Path) -> str:
    """The token in ``path`` (one line); refused if missing, empty or not a token."""
    try:
        data = path.read_bytes()[: MAX_TOKEN_BYTES + 1]
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BadFile(
            _("cannot read the token file {path}: {reason}").format(path=path, reason=reason)
        ) from None
    text = data.decode("utf-8", errors="replace").strip()
    if not text or len(data) > MAX_TOKEN_BYTES or any(c.isspace() for c in text):
        raise BadFile(_("{path} does not hold one token on one line").format(path=path))
    return text


def check_url(url: str) -> None:
    """Refuse an address that is not http(s), or plain http beyond this machine."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadFile(_("{url} is not an http:// or https:// address").format(url=url))
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise BadFile(
            _("{url} would send the token unencrypted: use https:// (http:// only on this machine)")
            .format(url=url)
        )  # fmt: skip


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def pull(
    form: ServerForm,
    token: str,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> SheetData:
    """Every submission of ``form``, page after page, as one sheet (``timeout`` seconds
    for each answer, ``max_bytes`` for all of them: the module's limits unless given)."""
    timeout = timeout or TIMEOUT_SECONDS
    max_bytes = max_bytes or MAX_ANSWER_BYTES
    check_url(form.url)
    headers = {"Authorization": form.authorization(token), "Accept": "application/json"}
    items: list[dict[str, Any]] = []
    left = max_bytes
    page: str | None = form.first_page()
    pages = 0
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
        while page is not None:
            answer, size = _get(client, form, page, left, max_bytes)
            left -= size
            batch = submission_list(answer, urlsplit(form.url).netloc)
            items.extend(batch)
            if len(items) > MAX_ROWS:
                raise BadFile(_("the server holds more than {n} submissions").format(n=MAX_ROWS))
            pages += 1
            if form.project:
                page = form.central_page(pages) if len(batch) >= PAGE_SIZE else None
            else:
                page = _next_page(form, page, answer)
    return json_rows(items, f"{form.kind} {form.form}")


def _get(
    client: httpx.Client, form: ServerForm, url: str, left: int, limit: int
) -> tuple[Any, int]:
    """One page's JSON and its size in bytes (refused past ``left`` of ``limit``)."""
    host = urlsplit(form.url).netloc
    try:
        with client.stream("GET", url) as response:
            _check_status(response, host)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > left:
                    raise BadFile(
                        _("{host} sent more than {mb} MB: refused").format(
                            host=host, mb=limit // 2**20
                        )
                    )
    except httpx.TimeoutException:
        raise BadFile(
            _("{host} did not answer within {n} seconds").format(
                host=host, n=int(client.timeout.read or TIMEOUT_SECONDS)
            )
        ) from None
    except httpx.HTTPError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise BadFile(_("cannot reach {host}: {reason}").format(host=host, reason=reason)) from None
    try:
        return json.loads(bytes(body)), len(body)
    except ValueError:
        reason = _("{host} did not answer with submissions in JSON").format(host=host)
        raise BadFile(reason) from None


def _check_status(response: httpx.Response, host: str) -> None:
    status = response.status_code
    if status in (401, 403):
        raise BadFile(
            _("{host} refused the token (HTTP {status}): check the token file").format(
                host=host, status=status
            )
        )
    if status == 404:
        raise BadFile(_("{host} has no such project or form (HTTP 404)").format(host=host))
    if status >= 300:
        raise BadFile(_("{host} answered HTTP {status}").format(host=host, status=status))


def _next_page(form: ServerForm, page: str, answer: Any) -> str | None:
    """The next page's address, if the answer has one; only on the same server."""
    if not isinstance(answer, dict):
        return None
    link = answer.get("@odata.nextLink") or answer.get("next")
    if not link:
        return None
    if not isinstance(link, str):
        raise BadFile(_("{host} sent a next page that is not an address").format(host=form.url))
    link = urljoin(page, link)
    here, there = urlsplit(form.url), urlsplit(link)
    if (there.scheme, there.netloc) != (here.scheme, here.netloc):
        raise BadFile(
            _("{host} sent a next page on another server: refused").format(host=here.netloc)
        )
    return link
