"""A news site on 127.0.0.1 for the tests and benchmarks of `watch`: a real HTTP server (http.server in
a thread) serving feeds, sitemaps and article pages whose text is written here, and misbehaving on
request (404, 500, 429 with Retry-After, slow, redirect loops, gzip, oversized, not HTML).

Every request is recorded (path and headers), so a test can check what was fetched and how.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CITIES = ["Aleppo", "Mosul", "Kabul", "Mogadishu", "Bamako", "Kharkiv", "Goma", "Tripoli", "Sanaa", "Juba",
          "Benghazi", "Idlib", "Donetsk", "Kandahar", "Timbuktu", "Marib", "Gao", "Raqqa", "Herat", "Kismayo"]
FORCES = [("Russian forces", "Russia"), ("Syrian government troops", "Syria"), ("Islamic State fighters", "Iraq"),
          ("Taliban fighters", "Afghanistan"), ("al-Shabaab militants", "Somalia"), ("Malian soldiers", "Mali"),
          ("Ukrainian troops", "Ukraine"), ("Houthi rebels", "Yemen"), ("M23 rebels", "Congo"),
          ("Libyan National Army units", "Libya")]
LEADERS = ["Foreign Minister Sergei Lavrov", "President Emmanuel Macron", "Secretary of State Antony Blinken",
           "Prime Minister Mohammed Shia al-Sudani", "President Volodymyr Zelenskiy", "President Bola Tinubu",
           "Foreign Minister Wang Yi", "Chancellor Olaf Scholz"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def story(number: int, edit: int = 0) -> tuple[str, list[str]]:
    """(title, paragraphs) of article `number`: news-like English text, distinct for each number
    (and for each `edit` of it); consecutive numbers are different kinds of story."""
    city = CITIES[number % len(CITIES)]
    force, country = FORCES[(number * 7) % len(FORCES)]
    leader = LEADERS[(number * 3) % len(LEADERS)]
    day = WEEKDAYS[number % 7]
    killed = 3 + (number * 13) % 90
    families = 100 + (number * 37) % 4000
    kind = number % 4
    if kind == 0:
        title = f"{force} attack positions near {city}, killing {killed}"
        paragraphs = [
            f"{force} shelled positions near {city} on {day}, killing {killed} people and wounding dozens more, "
            f"local officials said. The attack was the heaviest in the area for weeks.",
            f"{leader} condemned the attack and accused {country} of violating the ceasefire agreement signed "
            f"in March. \"We will not accept this,\" the minister told reporters, calling for an investigation.",
            f"About {families} families have fled the district since the fighting began, according to aid "
            f"agencies, who said roads to {city} were closed and hospitals were running short of medicine.",
        ]
    elif kind == 1:
        title = f"{leader} meets envoys in {city} as talks resume"
        paragraphs = [
            f"{leader} met envoys from {country} in {city} on {day} for a second day of talks on prisoner "
            f"exchanges and humanitarian corridors, diplomats said.",
            f"The two delegations agreed to release {killed} detainees each by the end of the month and to "
            f"reopen the border crossing for trucks carrying food and fuel.",
            f"\"This is a first step, not a peace deal,\" a senior negotiator told the Associated Press, adding "
            f"that {families} names were still on the lists of the missing.",
        ]
    elif kind == 2:
        title = f"Thousands protest in {city} over rising prices"
        paragraphs = [
            f"Thousands of demonstrators marched through {city} on {day} to protest against rising food and fuel "
            f"prices, and police fired tear gas to disperse crowds near the parliament.",
            f"Organisers said {families} people joined the march; the interior ministry put the number at "
            f"{killed * 40} and said {killed} protesters had been arrested.",
            f"Opposition leaders demanded the resignation of the government and called for a general strike, "
            f"while {leader} urged calm and promised to review the subsidy cuts.",
        ]
    else:
        title = f"Donors pledge aid for {city} after floods"
        paragraphs = [
            f"International donors pledged ${killed * 10} million in emergency aid on {day} for {city}, where "
            f"floods have destroyed homes and crops across the province.",
            f"The World Food Programme said it would deliver rations to {families} households in the coming weeks "
            f"and warned that cholera could spread in crowded camps.",
            f"{leader} announced that {country} would send engineers and two field hospitals, and called on "
            f"other governments to follow.",
        ]
    paragraphs.append(f"The report, filed as dispatch {number} from our correspondent, was updated with "
                      f"comments from officials in {city} and from residents reached by telephone.")
    if edit:
        paragraphs.append(f"Update {edit}: officials later revised their figures to {killed + 5 * edit}, "
                          f"saying more information had come in from the districts around {city}.")
    return title, paragraphs


def article_html(title: str, paragraphs: list[str], published: str) -> str:
    """An article page as news sites write them: navigation, an image and a script the watcher must
    not fetch, the story in <article>."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta property="article:published_time" content="{published}">
<link rel="stylesheet" href="/static/site.css"><script src="/static/site.js"></script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{escape(title)}</h1><img src="/images/photo.jpg" alt="the scene">
<p class="byline">By a staff reporter, {published}</p>
{body}
</article><footer>Copyright the newsroom. All rights reserved.</footer></body></html>"""


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    gzip: bool = False  # compress when the client accepts it
    validators: bool = True  # send ETag / Last-Modified and answer 304 to a matching conditional GET
    fail_times: int = 0  # answer `fail_status` this many times first (then the body)
    fail_status: int = 429
    gate: threading.Event | None = None  # hold the answer until the event is set
    modified: float = field(default_factory=time.time)


class NewsSite:
    """Routes are set by path; anything else is a 404. `requests` lists (path, headers) in order."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                site._answer(self)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:  # a client that hung up: expected here
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        for route in self.routes.values():
            if route.gate is not None:
                route.gate.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: str | bytes = b"", **options) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)
        with self.lock:
            self.routes[path] = route
        return route

    def paths(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.requests]

    # ---- content -------------------------------------------------------------------------------

    def article(self, path: str, number: int, edit: int = 0, published: str = "2026-11-02", **options) -> Route:
        title, paragraphs = story(number, edit)
        return self.set(path, article_html(title, paragraphs, published), **options)

    def rss(self, path: str, title: str, entries: list[dict], **options) -> Route:
        """entries: {"path", "title", "guid"?, "date"?}"""
        items = "".join(
            f"<item><title>{escape(e.get('title', e['path']))}</title><link>{self.url(e['path'])}</link>"
            f"<guid isPermaLink=\"false\">{escape(e.get('guid', e['path']))}</guid>"
            f"<pubDate>{e.get('date', 'Mon, 02 Nov 2026 10:00:00 GMT')}</pubDate></item>" for e in entries)
        xml = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
               f"<link>{self.base}/</link><description>news</description>{items}</channel></rss>")
        return self.set(path, xml, content_type="application/rss+xml", **options)

    def atom(self, path: str, title: str, entries: list[dict], **options) -> Route:
        """entries: {"path", "title", "updated"}: a new `updated` tells the watcher the page was edited."""
        items = "".join(
            f"<entry><title>{escape(e.get('title', e['path']))}</title><link href=\"{self.url(e['path'])}\"/>"
            f"<id>{self.url(e['path'])}</id><updated>{e.get('updated', '2026-11-02T10:00:00Z')}</updated></entry>"
            for e in entries)
        xml = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
               f"<title>{escape(title)}</title><id>{self.base}/atom</id><updated>2026-11-02T10:00:00Z</updated>"
               f"{items}</feed>")
        return self.set(path, xml, content_type="application/atom+xml", **options)

    def sitemap(self, path: str, entries: list[dict], news_name: str | None = None, **options) -> Route:
        """entries: {"path", "lastmod"?}; with `news_name`, a Google news sitemap."""
        def one(e: dict) -> str:
            news = (f"<news:news><news:publication><news:name>{escape(news_name)}</news:name>"
                    f"<news:language>en</news:language></news:publication><news:publication_date>"
                    f"{e.get('lastmod', '2026-11-02')}</news:publication_date><news:title>"
                    f"{escape(e.get('title', e['path']))}</news:title></news:news>") if news_name else ""
            lastmod = f"<lastmod>{e['lastmod']}</lastmod>" if "lastmod" in e else ""
            return f"<url><loc>{self.url(e['path'])}</loc>{lastmod}{news}</url>"
        xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(map(one, entries))
               + "</urlset>")
        return self.set(path, xml, content_type="application/xml", **options)

    # ---- serving -------------------------------------------------------------------------------

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self.lock:
            self.requests.append((path, {k.lower(): v for k, v in handler.headers.items()}))
            route = self.routes.get(path)
            failing = route is not None and route.fail_times > 0
            if failing:
                route.fail_times -= 1
        if route is None:
            return self._send(handler, 404, b"not found", "text/plain", {})
        if route.gate is not None:
            route.gate.wait(timeout=60)
        if route.delay:
            time.sleep(route.delay)
        if failing:
            return self._send(handler, route.fail_status, b"busy", "text/plain", dict(route.headers))
        headers = dict(route.headers)
        if route.validators and 200 <= route.status < 300:
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            headers["Last-Modified"] = formatdate(route.modified, usegmt=True)
            if handler.headers.get("If-None-Match") == etag:
                return self._send(handler, 304, b"", None, headers)
        body = route.body
        if route.gzip and "gzip" in (handler.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        try:
            self._send(handler, route.status, body, route.content_type, headers)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout, a size cap)
            pass

    @staticmethod
    def _send(handler, status: int, body: bytes, content_type: str | None, headers: dict[str, str]) -> None:
        handler.send_response(status)
        if content_type:
            handler.send_header("Content-Type", content_type)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if body:
            handler.wfile.write(body)
