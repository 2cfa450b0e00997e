/*
 * api_model.h -- the read-only model accessors of struct nb_api
 * (api_model.c); see include/nianbao/plugin.h for what each one promises.
 */
#ifndef NB_API_MODEL_H
#define NB_API_MODEL_H

#include <stddef.h>

#include <nianbao/plugin.h>

#include "model.h"

enum nb_format	 nb_api_format(const nb_report *r);
int		 nb_api_year(const nb_report *r);
const char	*nb_api_issuer(const nb_report *r);
unsigned	 nb_api_title_line(const nb_report *r);
unsigned	 nb_api_period_line(const nb_report *r, int *start, int *end);
unsigned	 nb_api_line_count(const nb_report *r);
const char	*nb_api_line_text(const nb_report *r, unsigned line);
unsigned	 nb_api_section_line(const nb_report *r, int n);
int		 nb_api_section_count(const nb_report *r, int n);
unsigned	 nb_api_section_end(const nb_report *r, int n);
const char	*nb_api_section_text(const nb_report *r, int n);
unsigned	 nb_api_section_text_line(const nb_report *r, int n, size_t off);
size_t		 nb_api_section_order(const nb_report *r, int *order,
		    size_t max);
enum nb_table_state nb_api_table_state(const nb_report *r, const char *t);
unsigned	 nb_api_table_line(const nb_report *r, const char *t);
size_t		 nb_api_cell_count(const nb_report *r);
const char	*nb_api_cell_id(const nb_report *r, size_t i);
int		 nb_api_cell(const nb_report *r, const char *id,
		    struct nb_value *v);
const char	*nb_api_cell_label(const nb_report *r, const char *id);
size_t		 nb_api_relation_count(const nb_report *r);
const struct nb_relation *nb_api_relation(const nb_report *r, size_t i);
size_t		 nb_api_requirement_count(const nb_report *r);
const struct nb_requirement *nb_api_requirement(const nb_report *r, size_t i);
int		 nb_api_relation_check(const nb_report *r,
		    const struct nb_relation *rel, double *lhs, double *rhs);
size_t		 nb_api_section_text_offset(const nb_report *r, int n,
		    unsigned line);
/* ABI 1.1 */
int		 nb_api_cell_info(const nb_report *r, const char *id,
		    struct nb_cell_info *info);
double		 nb_api_table_confidence(const nb_report *r, const char *t,
		    const char **why);
size_t		 nb_api_section_lines(const nb_report *r, int n,
		    unsigned *lines, size_t max);
unsigned	 nb_api_line_page(const nb_report *r, unsigned line,
		    unsigned *page_line);
/* ABI 1.3 */
int		 nb_api_glued_row(const nb_report *r, const char *t, size_t i,
		    struct nb_glued_row *g);
/* ABI 1.5 */
int		 nb_api_section_heading(const nb_report *r, int n,
		    struct nb_heading *h);
/* ABI 1.6 */
int		 nb_api_cell_at(const nb_report *r, size_t i,
		    struct nb_value *v);
int		 nb_api_cell_info_at(const nb_report *r, size_t i,
		    struct nb_cell_info *info);
const long	*nb_api_relation_cells(const nb_report *r,
		    const struct nb_relation *rel);

#endif
