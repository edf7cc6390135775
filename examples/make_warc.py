"""Generate examples/crawl-sample.warc.gz: a small web crawl of pages written for the demo.

Run `python examples/make_warc.py` to rebuild it (needs warcio); the output is committed so
the demo needs nothing but the installed package. Dates are fixed so the file is reproducible
apart from warcio's record ids.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "crawl-sample.warc.gz"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Frontline Report</title>
<meta property="og:site_name" content="Frontline Report">
<meta property="article:published_time" content="{date}T07:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer><p>Subscribe to our newsletter</p><p>&copy; 2024 Frontline Report</p></footer></body></html>
"""

PAGES = [
    ("https://frontline-report.example/2024/03/11/drone-strike", "2024-03-11",
     "Drone strike kills eight at market in northern Yemen",
     ["SANAA - A drone strike hit a crowded market in Saada province in northern Yemen on Monday, "
      "killing eight civilians and wounding 21, local health officials said.",
      "The Houthi movement blamed the Saudi-led coalition for the attack. A coalition spokesman, "
      "Colonel Turki al-Maliki, said the reports were being investigated.",
      "\"This was a massacre of people buying food for their families,\" said Abdullah Saleh, a "
      "doctor at the main hospital in Saada."]),
    ("https://frontline-report.example/2024/04/02/mediation", "2024-04-02",
     "Turkey offers to host talks between Russia and Ukraine",
     ["ANKARA - Turkish President Recep Tayyip Erdogan offered on Tuesday to host new talks between "
      "Russia and Ukraine, after meeting Ukrainian Foreign Minister Dmytro Kuleba in Ankara.",
      "\"Turkey is ready to do its part for a just and lasting peace,\" Erdogan told a joint news "
      "conference. Kuleba said Kyiv welcomed Turkish mediation on the safety of shipping in the Black Sea.",
      "Russia has not responded to the offer. Tens of thousands of soldiers have been killed on both "
      "sides since February 2022."]),
    ("https://frontline-report.example/2024/05/20/evacuation", "2024-05-20",
     "Floods force 40,000 from their homes in southern Brazil",
     ["PORTO ALEGRE - Floods in the southern Brazilian state of Rio Grande do Sul have forced more "
      "than 40,000 people from their homes and killed at least 150, the state civil defence agency said on Monday.",
      "The federal government sent 3,000 soldiers to help with rescues. President Luiz Inacio Lula da "
      "Silva promised an emergency package of 50 billion reais for the region."]),
]


def build(out: Path = OUT) -> Path:
    with out.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record(out.name, {"software": "newsevents make_warc.py"}))
        for url, date, title, paragraphs in PAGES:
            html = PAGE.format(title=title, date=date, paragraphs="".join(f"<p>{p}</p>" for p in paragraphs))
            body = html.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": f"{date}T12:00:00Z"})
            writer.write_record(record)
        # A crawl also holds what is not an article: an image, which the reader skips.
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://frontline-report.example/logo.png", "response",
                                                      payload=BytesIO(b"\x89PNG\r\n\x1a\n"), http_headers=image))
    return out


if __name__ == "__main__":
    print(build())
