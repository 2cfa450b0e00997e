/*
 * pdf_paths.cc -- the paths of a PDF page painted alone (pdf_paths.h).
 *
 * The grid finder (pdf_grid.c) looks for a table's rules, which a PDF
 * draws as stroked lines and thin filled rectangles.  A full rendering
 * (poppler_page_render) spends most of its time rasterising the glyphs,
 * which the grid finder then paints over in white.  poppler-glib cannot
 * render without them, so this OutputDev on poppler's core API
 * (libpoppler-private-dev) takes the stroke(), fill() and clip() calls
 * of the content stream, with their transformation, colour, width, dash
 * and caps, and paints them with cairo the way poppler's own cairo
 * output does (a line thinner than a pixel is widened to one and set on
 * the pixel grid).  The page is read with its resources' fonts taken
 * out: loading a font (its embedded file included) is most of what
 * reading a page costs, and the shapes of glyphs are not wanted here;
 * the text operators then draw nothing, and poppler's complaints about
 * the missing fonts are silenced for the while.  Text used as a clip
 * (render modes 4-7) would clip the paths: such a page is given up on.
 *
 * A page that also holds images, shadings, patterns, soft masks or
 * transparency groups is given up on (the caller renders it whole):
 * a scanned table or a rule drawn in a pattern is only seen there.
 */
#include <cmath>
#include <new>

#include <Annot.h>
#include <Gfx.h>
#include <GlobalParams.h>
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>

#include "pdf_paths.h"

struct nb_pdf_src {
	PDFDoc	*doc;
};

namespace {

/* Device pixels a path may be off the horizontal or vertical and still
 * be set on the pixel grid. */
const double NB_ALIGN_TOL = 0.5;

class PathDev : public OutputDev {
public:
	explicit PathDev(cairo_t *c) : cr(c) { cairo_get_matrix(cr, &base); }

	bool	 other = false;	/* met what only a full rendering shows */

	bool upsideDown() override { return true; }
	bool useDrawChar() override { return true; }
	bool interpretType3Chars() override { return false; }
	bool needNonText() override { return true; }
	bool useTilingPatternFill() override { return true; }
	bool useShadedFills(int) override { return true; }

	void saveState(GfxState *) override { cairo_save(cr); }
	void restoreState(GfxState *) override { cairo_restore(cr); }

	void stroke(GfxState *st) override;
	void fill(GfxState *st) override { paint(st, CAIRO_FILL_RULE_WINDING); }
	void eoFill(GfxState *st) override { paint(st, CAIRO_FILL_RULE_EVEN_ODD); }
	void clip(GfxState *st) override { clipTo(st, CAIRO_FILL_RULE_WINDING); }
	void eoClip(GfxState *st) override { clipTo(st, CAIRO_FILL_RULE_EVEN_ODD); }
	void clipToStrokePath(GfxState *) override { other = true; }
	void updateRender(GfxState *st) override
	{
		if (st->getRender() >= 4)
			other = true;
	}

	bool tilingPatternFill(GfxState *, Gfx *, Catalog *, GfxTilingPattern *,
	    const double *, int, int, int, int, double, double) override
	{ other = true; return true; }
	bool functionShadedFill(GfxState *, GfxFunctionShading *) override
	{ other = true; return true; }
	bool axialShadedFill(GfxState *, GfxAxialShading *, double,
	    double) override { other = true; return true; }
	bool radialShadedFill(GfxState *, GfxRadialShading *, double,
	    double) override { other = true; return true; }
	bool gouraudTriangleShadedFill(GfxState *,
	    GfxGouraudTriangleShading *) override { other = true; return true; }
	bool patchMeshShadedFill(GfxState *, GfxPatchMeshShading *) override
	{ other = true; return true; }

	void drawImageMask(GfxState *st, Object *ref, Stream *str, int w, int h,
	    bool inv, bool interp, bool inl) override
	{
		other = true;
		OutputDev::drawImageMask(st, ref, str, w, h, inv, interp, inl);
	}
	void drawImage(GfxState *st, Object *ref, Stream *str, int w, int h,
	    GfxImageColorMap *map, bool interp, const int *mask,
	    bool inl) override
	{
		other = true;
		OutputDev::drawImage(st, ref, str, w, h, map, interp, mask, inl);
	}
	void drawMaskedImage(GfxState *, Object *, Stream *, int, int,
	    GfxImageColorMap *, bool, Stream *, int, int, bool, bool) override
	{ other = true; }
	void drawSoftMaskedImage(GfxState *, Object *, Stream *, int, int,
	    GfxImageColorMap *, bool, Stream *, int, int, GfxImageColorMap *,
	    bool) override { other = true; }
	void setSoftMaskFromImageMask(GfxState *, Object *, Stream *, int, int,
	    bool, bool, double *) override { other = true; }
	void unsetSoftMaskFromImageMask(GfxState *, double *) override { }
	void beginTransparencyGroup(GfxState *, const double *, GfxColorSpace *,
	    bool, bool, bool) override { other = true; }
	void setSoftMask(GfxState *, const double *, bool, Function *,
	    GfxColor *) override { other = true; }

private:
	cairo_t		*cr;
	cairo_matrix_t	 base;	/* the caller's scale to pixels */

	void	 path(GfxState *st, bool align);
	void	 point(const GfxSubpath *sp, int i, bool align, double *x,
		    double *y);
	void	 paint(GfxState *st, cairo_fill_rule_t rule);
	void	 clipTo(GfxState *st, cairo_fill_rule_t rule);
	void	 matrix(GfxState *st);
	bool	 plain(GfxState *st, double opacity);
};

/* The user space of the path: the state's CTM, on the device matrix the
 * caller set on cr (its scale to pixels). */
void
PathDev::matrix(GfxState *st)
{
	const double *m = st->getCTM();
	cairo_matrix_t cm;

	cairo_set_matrix(cr, &base);
	cairo_matrix_init(&cm, m[0], m[1], m[2], m[3], m[4], m[5]);
	cairo_transform(cr, &cm);
}

/* Normal blending at full opacity is what the grid finder can reason
 * about; anything else is left to the full rendering. */
bool
PathDev::plain(GfxState *st, double opacity)
{
	if (st->getBlendMode() != gfxBlendNormal || opacity < 1) {
		other = true;
		return false;
	}
	return true;
}

/* Point i of a subpath, set on the middle of a pixel when it ends a
 * horizontal or vertical segment (align: a stroke widened to a pixel). */
void
PathDev::point(const GfxSubpath *sp, int i, bool align, double *x, double *y)
{
	double x1 = sp->getX(i), y1 = sp->getY(i), x2, y2;
	bool hv = false;

	*x = x1;
	*y = y1;
	if (!align)
		return;
	cairo_user_to_device(cr, &x1, &y1);
	for (int k = i - 1; k <= i + 1; k += 2) {
		if (k < 0 || k >= sp->getNumPoints() ||
		    sp->getCurve(k))
			continue;
		x2 = sp->getX(k);
		y2 = sp->getY(k);
		cairo_user_to_device(cr, &x2, &y2);
		if (std::fabs(x2 - x1) < NB_ALIGN_TOL ||
		    std::fabs(y2 - y1) < NB_ALIGN_TOL)
			hv = true;
	}
	if (!hv)
		return;
	cairo_user_to_device(cr, x, y);
	*x = std::floor(*x) + 0.5;
	*y = std::floor(*y) + 0.5;
	cairo_device_to_user(cr, x, y);
}

void
PathDev::path(GfxState *st, bool align)
{
	const GfxPath *p = st->getPath();
	double x, y;

	cairo_new_path(cr);
	for (int i = 0; i < p->getNumSubpaths(); i++) {
		const GfxSubpath *sp = p->getSubpath(i);
		int n = sp->getNumPoints(), j = 1;

		if (n == 0)
			continue;
		point(sp, 0, align, &x, &y);
		cairo_move_to(cr, x, y);
		while (j < n) {
			if (sp->getCurve(j) && j + 2 < n) {
				point(sp, j + 2, align, &x, &y);
				cairo_curve_to(cr, sp->getX(j), sp->getY(j),
				    sp->getX(j + 1), sp->getY(j + 1), x, y);
				j += 3;
			} else {
				point(sp, j, align, &x, &y);
				cairo_line_to(cr, x, y);
				j++;
			}
		}
		if (sp->isClosed())
			cairo_close_path(cr);
	}
}

void
PathDev::stroke(GfxState *st)
{
	static const cairo_line_cap_t caps[] = { CAIRO_LINE_CAP_BUTT,
	    CAIRO_LINE_CAP_ROUND, CAIRO_LINE_CAP_SQUARE };
	static const cairo_line_join_t joins[] = { CAIRO_LINE_JOIN_MITER,
	    CAIRO_LINE_JOIN_ROUND, CAIRO_LINE_JOIN_BEVEL };
	double w = st->getLineWidth(), dx = w, dy = w, start;
	const std::vector<double> &dash = st->getLineDash(&start);
	bool thin = false;
	GfxRGB c;

	if (st->getStrokeColorSpace()->getMode() == csPattern)
		other = true;
	if (other || !plain(st, st->getStrokeOpacity()))
		return;
	matrix(st);
	/* Thinner than a pixel: one pixel wide, on the pixel grid. */
	cairo_user_to_device_distance(cr, &dx, &dy);
	if (std::fabs(dx) <= 1 && std::fabs(dy) <= 1) {
		dx = dy = 1;
		cairo_device_to_user_distance(cr, &dx, &dy);
		w = std::fmin(std::fabs(dx), std::fabs(dy));
		thin = true;
	}
	cairo_set_line_width(cr, w);
	cairo_set_line_cap(cr, caps[st->getLineCap() % 3]);
	cairo_set_line_join(cr, joins[st->getLineJoin() % 3]);
	cairo_set_miter_limit(cr, st->getMiterLimit());
	cairo_set_dash(cr, dash.empty() ? nullptr : dash.data(),
	    (int)dash.size(), start);
	st->getStrokeRGB(&c);
	cairo_set_source_rgb(cr, colToDbl(c.r), colToDbl(c.g), colToDbl(c.b));
	path(st, thin);
	cairo_stroke(cr);
}

void
PathDev::paint(GfxState *st, cairo_fill_rule_t rule)
{
	GfxRGB c;

	if (st->getFillColorSpace()->getMode() == csPattern)
		other = true;
	if (other || !plain(st, st->getFillOpacity()))
		return;
	matrix(st);
	st->getFillRGB(&c);
	cairo_set_source_rgb(cr, colToDbl(c.r), colToDbl(c.g), colToDbl(c.b));
	path(st, false);
	cairo_set_fill_rule(cr, rule);
	cairo_fill(cr);
}

void
PathDev::clipTo(GfxState *st, cairo_fill_rule_t rule)
{
	matrix(st);
	path(st, false);
	cairo_set_fill_rule(cr, rule);
	cairo_clip(cr);
}

/* Gfx asks between operators: a page found to need the full rendering
 * is not read further. */
bool
stop(void *dev)
{
	return static_cast<PathDev *>(dev)->other;
}

/*
 * What Page::displaySlice() does for poppler_page_render() (72 dpi, the
 * crop box, the page's rotation, annotations drawn), on the page's
 * resources without their fonts.
 */
void
display(PDFDoc *doc, Page *page, int index, PathDev *dev)
{
	int rotate = page->getRotate();
	bool crop, quiet = globalParams->getErrQuiet();
	PDFRectangle box;
	Dict *res;

	if (rotate >= 360)
		rotate -= 360;
	else if (rotate < 0)
		rotate += 360;
	page->makeBox(72.0, 72.0, rotate, false, dev->upsideDown(), -1, -1,
	    -1, -1, &box, &crop);
	if ((res = page->getResourceDictCopy(doc->getXRef())) != nullptr)
		res->remove("Font");
	Object owner = res != nullptr ? Object(res) : Object(objNull);

	globalParams->setErrQuiet(true);
	try {
		Gfx gfx(doc, dev, index + 1, res, 72.0, 72.0, &box,
		    crop ? page->getCropBox() : nullptr, rotate, stop, dev);

		page->display(&gfx);
		for (Annot *a : page->getAnnots()->getAnnots())
			a->draw(&gfx, false);
	} catch (...) {
		globalParams->setErrQuiet(quiet);
		throw;
	}
	globalParams->setErrQuiet(quiet);
}

} /* namespace */

struct nb_pdf_src *
nb_paths_open(const char *buf, size_t len)
{
	nb_pdf_src *src = nullptr;

	try {
		if (!globalParams)
			globalParams = std::make_unique<GlobalParams>();
		src = new nb_pdf_src;
		src->doc = new PDFDoc(new MemStream(buf, 0, (Goffset)len,
		    Object(objNull)));
		if (src->doc->isOk())
			return src;
	} catch (...) {
	}
	nb_paths_close(src);
	return nullptr;
}

void
nb_paths_close(struct nb_pdf_src *src)
{
	if (src == nullptr)
		return;
	delete src->doc;
	delete src;
}

int
nb_paths_paint(struct nb_pdf_src *src, int index, cairo_t *cr)
{
	try {
		Page *page;

		if (src == nullptr || index < 0 ||
		    index >= src->doc->getNumPages() ||
		    (page = src->doc->getPage(index + 1)) == nullptr)
			return 0;
		PathDev dev(cr);

		cairo_save(cr);
		display(src->doc, page, index, &dev);
		cairo_restore(cr);
		return dev.other ? 0 : 1;
	} catch (const std::bad_alloc &) {
		return -1;
	} catch (...) {
		return 0;
	}
}
