/*
 * html.c - escaping for where a text goes (element, attribute, URL) and
 * the style sheet; see web.h.
 */
#include <stdbool.h>
#include <string.h>

#include <unistr.h>

#include "stl/web.h"

/* One character of @s at @p (@n bytes of it valid UTF-8), or 0 if bad. */
static int char_len(const char *p, size_t left)
{
	ucs4_t uc;
	int n = u8_mbtoucr(&uc, (const uint8_t *)p, left);

	return n > 0 ? n : 0;
}

static void escape(struct stl_strbuf *sb, const char *s, bool marks)
{
	size_t left = strlen(s);
	bool open = false;
	int n;

	while (left) {
		unsigned char c = (unsigned char)*s;

		n = 1;
		if (marks && c == WEB_HL_ON[0]) {
			if (!open)
				stl_strbuf_addstr(sb, "<mark>");
			open = true;
		} else if (marks && c == WEB_HL_OFF[0]) {
			if (open)
				stl_strbuf_addstr(sb, "</mark>");
			open = false;
		} else if (c == '&') {
			stl_strbuf_addstr(sb, "&amp;");
		} else if (c == '<') {
			stl_strbuf_addstr(sb, "&lt;");
		} else if (c == '>') {
			stl_strbuf_addstr(sb, "&gt;");
		} else if (c == '"') {
			stl_strbuf_addstr(sb, "&quot;");
		} else if (c == '\'') {
			stl_strbuf_addstr(sb, "&#39;");
		} else if (c < 0x20 || c == 0x7f) {
			if (c == '\t' || c == '\n')
				stl_strbuf_addch(sb, c);
		} else if (c < 0x80) {
			stl_strbuf_addch(sb, c);
		} else if ((n = char_len(s, left)) > 0) {
			stl_strbuf_add(sb, s, (size_t)n);
		} else {
			n = 1;
			stl_strbuf_addstr(sb, "\xef\xbf\xbd");
		}
		s += n;
		left -= (size_t)n;
	}
	if (open)
		stl_strbuf_addstr(sb, "</mark>");
}

void web_html(struct stl_strbuf *sb, const char *s)
{
	escape(sb, s ? s : "", false);
}

void web_html_marked(struct stl_strbuf *sb, const char *s)
{
	escape(sb, s ? s : "", true);
}

void web_url(struct stl_strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c)) {
			stl_strbuf_addch(sb, c);
		} else {
			stl_strbuf_addch(sb, '%');
			stl_strbuf_addch(sb, hex[c >> 4]);
			stl_strbuf_addch(sb, hex[c & 15]);
		}
	}
}

/*
 * Legible on a phone and a desktop, printable, contrast above WCAG AA
 * (text #1a1a1a on #fff, links #0645ad), a focus ring that shows.
 */
const char web_css[] =
	":root{--fg:#1a1a1a;--muted:#555;--link:#0645ad;--line:#d0d0d0;--bg2:#f4f4f2;--mark:#ffe066}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);background:#fff}\n"
	"header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}\n"
	"header{padding-top:1rem;border-bottom:1px solid var(--line)}\n"
	"header a.inicio{font-weight:700;font-size:1.25rem;color:var(--fg);text-decoration:none}\n"
	"a{color:var(--link)}\n"
	"a:focus,input:focus,select:focus,button:focus{outline:3px solid #1a73e8;outline-offset:2px}\n"
	"form.buscar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:1rem 0}\n"
	"form.buscar label{width:100%;font-weight:600}\n"
	"form.buscar label.en{width:auto;font-weight:400;color:var(--muted);align-self:center}\n"
	"h1{font-size:1.5rem}\n"
	"ol.resultados h2{font-size:1.15rem;margin:0 0 .25rem}\n"
	"form.buscar input[type=search]{flex:1 1 16rem;font-size:1.1rem;padding:.5rem;border:1px solid #767676;border-radius:4px}\n"
	"button{font-size:1rem;padding:.5rem 1rem;border:1px solid #0645ad;background:#0645ad;color:#fff;border-radius:4px;cursor:pointer}\n"
	"select{font-size:1rem;padding:.45rem}\n"
	".cuenta,.nota{color:var(--muted)}\n"
	".disposicion{display:grid;grid-template-columns:1fr;gap:1.5rem}\n"
	"@media(min-width:48rem){.disposicion{grid-template-columns:14rem 1fr}}\n"
	"aside h2{font-size:1rem;margin:1rem 0 .25rem}\n"
	"aside ul{list-style:none;margin:0;padding:0}\n"
	"aside li{margin:.15rem 0}\n"
	"ol.resultados{list-style:none;padding:0;margin:0}\n"
	"ol.resultados>li{padding:.75rem 0;border-bottom:1px solid var(--line)}\n"
	".meta{color:var(--muted);font-size:.9rem}\n"
	".ruta{font-family:ui-monospace,monospace;font-size:.85rem;color:var(--muted);word-break:break-all}\n"
	"mark{background:var(--mark);color:inherit;padding:0 .1em}\n"
	"ul.acuerdos{margin:.25rem 0 0;padding-left:1.25rem}\n"
	"nav.paginas,nav.orden,nav.tipos,nav.exportar{margin:.75rem 0}\n"
	"nav a,nav strong{margin-right:.75rem}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}\n"
	"pre.ayuda{white-space:pre-wrap;background:var(--bg2);padding:1rem;border-radius:4px}\n"
	"footer{margin-top:2rem;padding-bottom:2rem;color:var(--muted);font-size:.9rem}\n"
	"@media print{header form,aside,nav,footer{display:none}a{color:inherit;text-decoration:none}body{font-size:11pt}}\n";
