/*
 * pdf_paths.h -- the paths of a PDF page (its stroked lines and filled
 * shapes, where a table's rules are drawn), painted alone: no glyph, no
 * image.  C interface to pdf_paths.cc, which reads the content stream
 * through poppler's core API (an OutputDev), as poppler-glib cannot.
 */
#ifndef NB_PDF_PATHS_H
#define NB_PDF_PATHS_H

#include <stddef.h>

#include <cairo.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The document as poppler's core API reads it; buf must outlive it. */
struct nb_pdf_src;

struct nb_pdf_src	*nb_paths_open(const char *buf, size_t len);
void			 nb_paths_close(struct nb_pdf_src *src);

/*
 * Paints the paths of page `index` (0-based) on cr, which is set up as
 * for poppler_page_render() (white page, scaled to pixels).  Returns 1
 * when the page held nothing but paths, 0 when it holds what only a full
 * rendering shows (images, shadings, patterns, soft masks, transparency
 * groups: rules may be drawn in them) or cannot be read here, -1 on
 * allocation failure.
 */
int	nb_paths_paint(struct nb_pdf_src *src, int index, cairo_t *cr);

#ifdef __cplusplus
}
#endif

#endif
