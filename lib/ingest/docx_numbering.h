/*
 * docx_numbering.h -- automatic numbering of DOCX paragraphs.
 *
 * Word can number headings itself ("一、" of 一、总体情况 comes from
 * word/numbering.xml, not from the text), so a reader that took only
 * the text would lose the section numbers the checker looks for.  This
 * recomputes the labels: list definitions from numbering.xml, a list
 * attached to a paragraph directly or through its style (styles.xml),
 * counters per list and level.
 */
#ifndef NB_DOCX_NUMBERING_H
#define NB_DOCX_NUMBERING_H

#include <stddef.h>

#include <libxml/tree.h>

struct nb_numbering;

/* Builds the numbering from the parsed numbering.xml and styles.xml
 * (either may be NULL).  Returns NULL only on allocation failure. */
struct nb_numbering *nb_numbering_new(xmlDocPtr numbering, xmlDocPtr styles);
void		 nb_numbering_free(struct nb_numbering *nb);

/*
 * The label of paragraph p ("一、", "（二）", "3.") written into buf (at
 * most len bytes with the NUL), advancing the counters; "" when the
 * paragraph is not numbered or is a bullet.
 */
void		 nb_numbering_label(struct nb_numbering *nb, xmlNode *p,
		    char *buf, size_t len);

#endif
