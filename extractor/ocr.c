/*
 * ocr.c - reading page images with Tesseract in Spanish (C API).
 *
 * Pages come from Leptonica (an image file: png, jpg, tiff, every page of
 * a multi-page TIFF) or from poppler rendering a PDF page with cairo
 * (a PDF without a text layer). The calling thread decodes or renders
 * the pages, in order, deskews each and cuts it in two at a blank band
 * near its middle (split_row()), and EX_OCR_THREADS workers, each with
 * its own TessBaseAPI, recognize the pieces as they come (poppler and
 * cairo stay on one thread; Tesseract is the slow part), so even a
 * single page takes both cores. At most two pieces per worker wait
 * rendered, so a long PDF does not hold all its pages in memory.
 *
 * Limits: each page is recognized under a Tesseract monitor deadline of
 * lim->ocr_seconds; a page over it is left out with a warning and the
 * rest of the file is read. The process's RLIMIT_CPU (the per-file
 * limit of main.c) is raised as every page is handed out, by the page's
 * allowance times the workers, so OCR pages never count against the
 * per-file limit while a hang outside the monitor (layout analysis)
 * still ends the process.
 *
 * Text: Tesseract separates blocks with a blank line and keeps the
 * lines of a block; each line becomes one paragraph of the structured
 * text, as a .txt minute's lines do (the parser joins a list item's
 * wrapped lines). out->ocr_confidence is the mean of the pages' mean
 * word confidence (TessBaseAPIMeanTextConf).
 */
#include "extract.h"

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <time.h>

#define EX_OCR_THREADS 2
/* PDF pages are rendered at this resolution (bench/ocr.sh measured it). */
#define EX_OCR_DPI 300
/* Images that say nothing of their resolution are taken as this. */
#define EX_OCR_DEFAULT_DPI 200
/* A page larger than this many pixels is refused (a bomb, or a poster). */
#define EX_OCR_MAX_PIXELS (120u * 1000 * 1000)

#define WHY_OFF "el OCR está desactivado (--sin-ocr)"
#define WHY_IMAGE "imagen dañada o de un tipo que no se puede leer"
#define WHY_OOM "no hay memoria suficiente para el OCR"
#define WHY_NONE "el OCR no reconoció texto en ninguna página"
#define WHY_TOO_BIG "el texto extraído excede el límite de tamaño"

/* A piece of a page: the whole page, or its top or bottom half. */
struct ocr_page {
	PIX *pix;		/* rendered, waiting; NULL once taken */
	unsigned page;		/* of the run's pages, 0-based */
	int dpi;
	char *text;		/* recognized, malloc'ed; NULL: none */
	int conf;		/* mean word confidence, -1: not recognized */
	bool timed_out;
	bool failed;		/* recognition failed (not the deadline) */
};

struct ocr_run {
	const struct ex_limits *lim;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct ocr_page *pages;	/* the pieces, 2 a page at most */
	unsigned n;		/* pages */
	unsigned *left;		/* pieces of each page not recognized yet */
	unsigned pages_done;	/* pages whose pieces are all recognized */
	unsigned rendered;	/* pages[0 .. rendered) were handed out */
	unsigned taken;		/* next piece a worker takes */
	unsigned done;		/* pieces recognized (or given up) */
	bool no_more;		/* the renderer has stopped */
	bool no_model;		/* a worker could not load "spa" */
	const unsigned *map;	/* page i is the file's page map[i]; NULL: i */
	struct stl_stext *per_page;	/* NULL, or page i's text goes to [i] */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static TessBaseAPI *new_api(void)
{
	TessBaseAPI *api = TessBaseAPICreate();

	if (!api)
		return NULL;
	/* NULL: $TESSDATA_PREFIX or Tesseract's own tessdata folder. */
	if (TessBaseAPIInit3(api, NULL, "spa") != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	TessBaseAPISetPageSegMode(api, PSM_AUTO);
	return api;
}

static void recognize(TessBaseAPI *api, struct ocr_page *pg, unsigned secs)
{
	ETEXT_DESC *mon = TessMonitorCreate();
	double t0 = now_s();
	char *text;
	int r;

	TessBaseAPISetImage2(api, pg->pix);
	TessBaseAPISetSourceResolution(api, pg->dpi);
	if (mon)
		TessMonitorSetDeadlineMSecs(mon, (int)(secs * 1000u));
	r = TessBaseAPIRecognize(api, mon);
	if (r != 0) {
		if (now_s() - t0 >= secs * 0.95)
			pg->timed_out = true;
		else
			pg->failed = true;
	} else {
		text = TessBaseAPIGetUTF8Text(api);
		if (text) {
			pg->text = strdup(text);
			TessDeleteText(text);
		}
		pg->conf = TessBaseAPIMeanTextConf(api);
		if (!pg->text)
			pg->failed = true;
	}
	if (mon)
		TessMonitorDelete(mon);
	TessBaseAPIClear(api);
}

static void *worker(void *arg)
{
	struct ocr_run *run = arg;
	TessBaseAPI *api = new_api();
	struct ocr_page *pg;
	PIX *pix;
	unsigned i;

	pthread_mutex_lock(&run->mu);
	if (!api)
		run->no_model = true;
	for (;;) {
		while (run->taken >= run->rendered && !run->no_more)
			pthread_cond_wait(&run->cv, &run->mu);
		if (run->taken >= run->rendered)
			break;
		i = run->taken++;
		pg = &run->pages[i];
		pix = pg->pix;
		pg->pix = NULL;
		pthread_mutex_unlock(&run->mu);
		if (api && pix) {
			pg->pix = pix;
			recognize(api, pg, run->lim->ocr_seconds);
			pg->pix = NULL;
		} else {
			pg->failed = true;
		}
		pixDestroy(&pix);
		pthread_mutex_lock(&run->mu);
		run->done++;
		if (!--run->left[pg->page])
			run->pages_done++;
		pthread_cond_broadcast(&run->cv);
	}
	pthread_mutex_unlock(&run->mu);
	if (api) {
		TessBaseAPIEnd(api);
		TessBaseAPIDelete(api);
	}
	return NULL;
}

/* Tell the listener how far OCR got (under run->mu). */
static void report(struct ocr_run *run, unsigned *told)
{
	if (run->pages_done != *told && run->lim->progress)
		run->lim->progress(run->pages_done, run->n);
	*told = run->pages_done;
}

/*
 * Hand page @page to the workers as one or two pieces (@a, @b; owned by
 * the run from now on; @b may be NULL, @a too when the page could not be
 * rendered), waiting while too many wait. False when the workers cannot
 * read anything (no model).
 */
static bool hand_out(struct ocr_run *run, unsigned page, PIX *a, PIX *b,
		     int dpi, unsigned *told)
{
	bool ok;

	pthread_mutex_lock(&run->mu);
	while (run->rendered - run->done >= 2 * EX_OCR_THREADS && !run->no_model) {
		pthread_cond_wait(&run->cv, &run->mu);
		report(run, told);
	}
	run->left[page] = b ? 2 : 1;
	run->pages[run->rendered].pix = a;
	run->pages[run->rendered].page = page;
	run->pages[run->rendered].dpi = dpi;
	run->rendered++;
	if (b) {
		run->pages[run->rendered].pix = b;
		run->pages[run->rendered].page = page;
		run->pages[run->rendered].dpi = dpi;
		run->rendered++;
	}
	ok = !run->no_model;
	pthread_cond_broadcast(&run->cv);
	pthread_mutex_unlock(&run->mu);
	/* The workers in flight may each use a page's allowance. */
	ex_cpu_allow(run->lim->cpu_seconds +
		     run->lim->ocr_seconds * EX_OCR_THREADS);
	return ok;
}

/*
 * Where to cut a page in two for the two workers: the middle of the blank
 * band of rows (no ink across the whole width, at least a twenty-fifth of
 * an inch high) nearest the middle of the page, between 35 % and 65 % of
 * its height; 0 for none (a short page, a page without such a gap). A cut
 * there never splits a line, so the halves read as the page does, and one
 * page takes both cores.
 */
static int split_row(PIX *pix, int dpi)
{
	int w = pixGetWidth(pix), h = pixGetHeight(pix);
	int band = dpi / 25 > 4 ? dpi / 25 : 4, y, x, run = 0, best = 0;
	int lo = h * 35 / 100, hi = h * 65 / 100, ink_max = w / 400 + 1;
	PIX *g;

	if (h < 1000 || w < 200)
		return 0;
	g = pixGetDepth(pix) == 8 && !pixGetColormap(pix) ? pixClone(pix)
							  : pixConvertTo8(pix, 0);
	if (!g)
		return 0;
	for (y = lo; y < hi; y++) {
		const l_uint32 *line = pixGetData(g) + (size_t)y * (size_t)pixGetWpl(g);
		int ink = 0;

		for (x = 0; x < w && ink <= ink_max; x++)
			ink += GET_DATA_BYTE(line, x) < 128;
		if (ink <= ink_max) {
			run++;
			continue;
		}
		if (run >= band) {
			int mid = y - run / 2;

			if (!best || abs(mid - h / 2) < abs(best - h / 2))
				best = mid;
		}
		run = 0;
	}
	if (run >= band) {
		int mid = hi - run / 2;

		if (!best || abs(mid - h / 2) < abs(best - h / 2))
			best = mid;
	}
	pixDestroy(&g);
	return best;
}

/* @pix straightened, and cut in two (*@b) when it has a place for it. */
static PIX *prepare(PIX *pix, int dpi, PIX **b)
{
	PIX *straight, *a;
	BOX *box;
	int y;

	*b = NULL;
	if (!pix)
		return NULL;
	/* A photo or a scan is seldom straight: a page 1.5° askew lost a
	 * third of its words (bench/ocr.sh). */
	straight = pixDeskew(pix, 0);
	if (straight) {
		pixDestroy(&pix);
		pix = straight;
	}
	/* STL_OCR_SPLIT=0: whole pages (bench/ocr.sh compares). */
	y = getenv("STL_OCR_SPLIT") && !strcmp(getenv("STL_OCR_SPLIT"), "0") ?
	    0 : split_row(pix, dpi);
	if (!y)
		return pix;
	box = boxCreate(0, 0, pixGetWidth(pix), y);
	a = box ? pixClipRectangle(pix, box, NULL) : NULL;
	boxDestroy(&box);
	box = boxCreate(0, y, pixGetWidth(pix), pixGetHeight(pix) - y);
	*b = box && a ? pixClipRectangle(pix, box, NULL) : NULL;
	boxDestroy(&box);
	if (!a || !*b) {
		pixDestroy(&a);
		pixDestroy(b);
		return pix;
	}
	pixDestroy(&pix);
	return a;
}

/*
 * The length of a list bullet as Tesseract reads "·" or "•" at the start
 * of @p: one to three of : « » * + - · • ° ; then a space (": Alfredo",
 * ":« Rafael", "* Daniel"); 0 if the line does not start so.
 */
static size_t misread_bullet(const char *p, size_t len)
{
	static const char *const marks[] = { ":", "*", "+", "-", ";", "\xc2\xab",
					     "\xc2\xbb", "\xc2\xb7", "\xe2\x80\xa2",
					     "\xc2\xb0" };
	size_t i = 0, k, n = 0, m;

	while (n < 3 && i < len) {
		for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
			m = strlen(marks[k]);
			if (m <= len - i && !memcmp(p + i, marks[k], m))
				break;
		}
		if (k == sizeof(marks) / sizeof(marks[0]))
			break;
		i += m;
		n++;
	}
	if (!n || i >= len || p[i] != ' ')
		return 0;
	/* then a word: "- 3" or ": 12" is not a bullet */
	if (i + 1 >= len || (p[i + 1] >= '0' && p[i + 1] <= '9') || p[i + 1] == ' ')
		return 0;
	return i;
}

/* One recognized line as a paragraph: trailing spaces and form feeds off,
 * a misread bullet written as the "·" it was. */
static stl_status_t add_line(struct stl_stext *out, const char *p, size_t len)
{
	struct stl_strbuf sb = STL_STRBUF_INIT;
	stl_status_t ret;
	size_t b;

	while (len && (p[len - 1] == ' ' || p[len - 1] == '\f' ||
		       p[len - 1] == '\r'))
		len--;
	while (len && (*p == ' ' || *p == '\f')) {
		p++;
		len--;
	}
	if (!len)
		return STL_STATUS_SUCCESS;
	b = misread_bullet(p, len);
	if (!b)
		return stl_stext_para(out, NULL, p, len, 0);
	stl_strbuf_addstr(&sb, "\xc2\xb7");
	stl_strbuf_add(&sb, p + b, len - b);
	ret = stl_strbuf_failed(&sb) ? STL_STATUS_OUT_OF_MEMORY
				     : stl_stext_para(out, NULL, sb.buf, sb.len, 0);
	stl_strbuf_release(&sb);
	return ret;
}

static stl_status_t add_text(struct stl_stext *out, const char *text)
{
	const char *p = text, *nl;
	stl_status_t ret = STL_STATUS_SUCCESS;

	while (*p && !ret) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		ret = add_line(out, p, (size_t)(nl - p));
		p = *nl ? nl + 1 : nl;
	}
	return ret;
}

/* The pages' text, in order, into @out; warnings for those left out. */
static stl_status_t collect(struct ocr_run *run, struct stl_stext *out,
			    const char **why)
{
	stl_status_t ret = STL_STATUS_SUCCESS;
	unsigned i, nconf = 0;
	long sum = 0;
	char msg[160];

	size_t size = 0;
	unsigned warned = (unsigned)-1;

	for (i = 0; i < run->rendered && !ret; i++) {
		struct ocr_page *pg = &run->pages[i];
		struct stl_stext *to = run->per_page ? &run->per_page[pg->page] : out;
		unsigned shown = run->map ? run->map[pg->page] + 1 : pg->page + 1;

		if (pg->timed_out || pg->failed) {
			if (run->lim->warning && warned != pg->page) {
				warned = pg->page;
				if (pg->timed_out)
					snprintf(msg, sizeof(msg),
						 "página %u: el OCR excedió el límite de %u s y se omitió",
						 shown, run->lim->ocr_seconds);
				else
					snprintf(msg, sizeof(msg),
						 "página %u: el OCR no pudo leerla y se omitió",
						 shown);
				run->lim->warning(msg);
			}
			continue;
		}
		if (!pg->text)
			continue;
		size -= stl_stext_size(to);
		ret = add_text(to, pg->text);
		size += stl_stext_size(to);
		if (to->failed && !ret)
			ret = STL_STATUS_OUT_OF_MEMORY;
		if (pg->conf >= 0) {
			sum += pg->conf;
			nconf++;
		}
		if (!ret && size > run->lim->text) {
			*why = WHY_TOO_BIG;
			return STL_STATUS_INVALID_ARGUMENT;
		}
	}
	if (ret) {
		*why = WHY_OOM;
		return ret;
	}
	if (!nconf) {
		*why = WHY_NONE;
		return STL_STATUS_NOT_FOUND;
	}
	out->ocr_confidence = (int)((sum + nconf / 2) / nconf);
	return STL_STATUS_SUCCESS;
}

/* A page source: gives page @i as a Pix (NULL: could not) and its dpi. */
typedef PIX *(*page_fn)(void *src, unsigned i, int *dpi);

static stl_status_t run_ocr(void *src, unsigned n, page_fn page,
			    const unsigned *map, struct stl_stext *per_page,
			    const struct ex_limits *lim, struct stl_stext *out,
			    const char **why)
{
	struct ocr_run run;
	pthread_t th[EX_OCR_THREADS];
	unsigned i, nth = 0, told = (unsigned)-1;
	stl_status_t ret;
	bool ok = true;
	PIX *pix;
	int dpi;

	if (!lim->ocr_seconds) {
		*why = WHY_OFF;
		return STL_STATUS_NOT_FOUND;
	}
	if (!n) {
		*why = WHY_NONE;
		return STL_STATUS_NOT_FOUND;
	}
	memset(&run, 0, sizeof(run));
	run.lim = lim;
	run.n = n;
	run.map = map;
	run.per_page = per_page;
	run.pages = calloc(2 * (size_t)n, sizeof(*run.pages));
	run.left = calloc(n, sizeof(*run.left));
	if (!run.pages || !run.left) {
		free(run.pages);
		free(run.left);
		*why = WHY_OOM;
		return STL_STATUS_OUT_OF_MEMORY;
	}
	for (i = 0; i < 2 * n; i++)
		run.pages[i].conf = -1;
	pthread_mutex_init(&run.mu, NULL);
	pthread_cond_init(&run.cv, NULL);
	if (lim->progress)
		lim->progress(0, n);
	told = 0;
	for (i = 0; i < EX_OCR_THREADS; i++)
		if (pthread_create(&th[nth], NULL, worker, &run) == 0)
			nth++;
	for (i = 0; i < n && ok && nth; i++) {
		PIX *b;

		dpi = 0;
		pix = page(src, i, &dpi);
		if (pix && (uint64_t)pixGetWidth(pix) * (uint64_t)pixGetHeight(pix) >
				   EX_OCR_MAX_PIXELS)
			pixDestroy(&pix);
		if (dpi <= 0)
			dpi = EX_OCR_DEFAULT_DPI;
		pix = prepare(pix, dpi, &b);
		ok = hand_out(&run, i, pix, b, dpi, &told);
	}
	pthread_mutex_lock(&run.mu);
	run.no_more = true;
	pthread_cond_broadcast(&run.cv);
	while (run.done < run.rendered) {
		pthread_cond_wait(&run.cv, &run.mu);
		report(&run, &told);
	}
	pthread_mutex_unlock(&run.mu);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	if (run.no_model) {
		*why = STL_OCR_NO_MODEL;
		ret = STL_STATUS_NOT_FOUND;
	} else if (!nth) {
		*why = WHY_OOM;
		ret = STL_STATUS_OUT_OF_MEMORY;
	} else {
		ret = collect(&run, out, why);
	}
	for (i = 0; i < 2 * n; i++) {
		pixDestroy(&run.pages[i].pix);
		free(run.pages[i].text);
	}
	free(run.pages);
	free(run.left);
	pthread_cond_destroy(&run.cv);
	pthread_mutex_destroy(&run.mu);
	return ret;
}

/* ---- images --------------------------------------------------------------- */

static PIX *image_page(void *src, unsigned i, int *dpi)
{
	PIXA *pixa = src;
	PIX *pix = pixaGetPix(pixa, (l_int32)i, L_COPY);

	if (pix)
		*dpi = pixGetXRes(pix);
	return pix;
}

stl_status_t ex_image(const char *bytes, size_t len, const struct ex_limits *lim,
		      struct stl_stext *out, const char **why)
{
	const l_uint8 *b = (const l_uint8 *)bytes;
	PIXA *pixa = NULL;
	PIX *pix;
	stl_status_t ret;
	l_int32 w = 0, h = 0;

	if (!lim->ocr_seconds) {
		*why = WHY_OFF;
		return STL_STATUS_NOT_FOUND;
	}
	setMsgSeverity(L_SEVERITY_NONE);
	/* Leptonica decodes what it is given: check the size first. */
	if (pixReadHeaderMem(b, len, NULL, &w, &h, NULL, NULL, NULL) ||
	    (uint64_t)w * (uint64_t)h > EX_OCR_MAX_PIXELS) {
		*why = WHY_IMAGE;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	if (len >= 4 && (!memcmp(bytes, "II*\0", 4) || !memcmp(bytes, "MM\0*", 4)))
		pixa = pixaReadMemMultipageTiff(b, len);
	if (!pixa) {
		pix = pixReadMem(b, len);
		if (pix) {
			pixa = pixaCreate(1);
			if (pixa)
				pixaAddPix(pixa, pix, L_INSERT);
			else
				pixDestroy(&pix);
		}
	}
	if (!pixa || !pixaGetCount(pixa)) {
		pixaDestroy(&pixa);
		*why = WHY_IMAGE;
		return STL_STATUS_INVALID_ARGUMENT;
	}
	ret = run_ocr(pixa, (unsigned)pixaGetCount(pixa), image_page, NULL, NULL,
		      lim, out, why);
	pixaDestroy(&pixa);
	return ret;
}

/* ---- PDF pages ------------------------------------------------------------- */

/* A cairo RGB24 surface as an 8-bit gray Pix. */
static PIX *surface_to_pix(cairo_surface_t *s, int dpi)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data;
	PIX *pix;
	l_uint32 *line;
	int x, y;

	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	if (!data)
		return NULL;
	pix = pixCreate(w, h, 8);
	if (!pix)
		return NULL;
	pixSetResolution(pix, dpi, dpi);
	for (y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(const void *)(data +
								     (size_t)y * (size_t)stride);

		line = pixGetData(pix) + (size_t)y * (size_t)pixGetWpl(pix);
		for (x = 0; x < w; x++) {
			uint32_t v = row[x];
			unsigned r = (v >> 16) & 0xff, g = (v >> 8) & 0xff,
				 b = v & 0xff;

			SET_DATA_BYTE(line, x, (r * 299 + g * 587 + b * 114) / 1000);
		}
	}
	return pix;
}

static int ocr_dpi(void)
{
	const char *env = getenv("STL_OCR_DPI");	/* bench/ocr.sh */
	int v = env ? atoi(env) : 0;

	return v >= 72 && v <= 600 ? v : EX_OCR_DPI;
}

struct pdf_src {
	PopplerDocument *doc;
	const unsigned *map;
};

static PIX *pdf_page(void *arg, unsigned i, int *dpi)
{
	struct pdf_src *src = arg;
	PopplerPage *page = poppler_document_get_page(
		src->doc, (int)(src->map ? src->map[i] : i));
	cairo_surface_t *s;
	cairo_t *cr;
	double pw, ph;
	int w, h;
	PIX *pix = NULL;

	if (!page)
		return NULL;
	*dpi = ocr_dpi();
	poppler_page_get_size(page, &pw, &ph);
	w = (int)(pw * *dpi / 72.0 + 0.5);
	h = (int)(ph * *dpi / 72.0 + 0.5);
	if (w <= 0 || h <= 0 || (uint64_t)w * (uint64_t)h > EX_OCR_MAX_PIXELS) {
		g_object_unref(page);
		return NULL;
	}
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		cr = cairo_create(s);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, *dpi / 72.0, *dpi / 72.0);
		poppler_page_render_for_printing(page, cr);
		cairo_destroy(cr);
		pix = surface_to_pix(s, *dpi);
	}
	cairo_surface_destroy(s);
	g_object_unref(page);
	return pix;
}

stl_status_t ex_ocr_pdf(void *doc, const struct ex_limits *lim,
			struct stl_stext *out, const char **why)
{
	struct pdf_src src = { doc, NULL };
	int n = poppler_document_get_n_pages(doc);

	return run_ocr(&src, n > 0 ? (unsigned)n : 0, pdf_page, NULL, NULL, lim,
		       out, why);
}

stl_status_t ex_ocr_pdf_pages(void *doc, const unsigned *map, unsigned n,
			      const struct ex_limits *lim,
			      struct stl_stext *pages, struct stl_stext *out,
			      const char **why)
{
	struct pdf_src src = { doc, map };

	return run_ocr(&src, n, pdf_page, map, pages, lim, out, why);
}
