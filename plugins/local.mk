# Rule plugins: one file, one .so each.  They include only
# <nianbao/plugin.h> and export only nb_plugin_entry.
PLUGIN_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
PLUGIN_LDFLAGS = -module -avoid-version -no-undefined -shared \
	-export-symbols-regex '^nb_plugin_entry$$' -rpath $(pluginsdir)

plugins_LTLIBRARIES += plugins/report.la plugins/sections.la plugins/sums.la \
	plugins/litigation.la plugins/fees.la plugins/narrative.la \
	plugins/statistics.la
plugins_report_la_SOURCES = plugins/report.c plugins/report.h \
	plugins/report_date.c plugins/text.h
plugins_report_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_report_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_sections_la_SOURCES = plugins/sections.c plugins/sections.h \
	plugins/sections_outline.c plugins/sections_parts.c plugins/text.h \
	plugins/sections_heading.c \
	plugins/sections_required.c plugins/sections_required.h
plugins_sections_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_sections_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_sums_la_SOURCES = plugins/sums.c plugins/sums_cells.c plugins/sums.h \
	plugins/certain.h plugins/options.h plugins/glued.h
plugins_sums_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_sums_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_litigation_la_SOURCES = plugins/litigation.c plugins/certain.h plugins/glued.h \
	plugins/text.h
plugins_litigation_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_litigation_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_fees_la_SOURCES = plugins/fees.c plugins/certain.h
plugins_fees_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_fees_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_narrative_la_SOURCES = plugins/narrative.c plugins/narrative.h \
	plugins/narrative_common.c plugins/narrative_sum.c \
	plugins/narrative_results.c plugins/narrative_t2.c \
	plugins/narrative_contra.c plugins/numphrase.c plugins/numphrase.h \
	plugins/certain.h plugins/text.h
plugins_narrative_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_narrative_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_statistics_la_SOURCES = plugins/statistics.c plugins/certain.h
plugins_statistics_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_statistics_la_LDFLAGS = $(PLUGIN_LDFLAGS)

# Checks across reports (ABI 1.1 check_history): they run where the
# history store is, never in the daemon's sandboxed worker.  history
# carries the MinHash code of the store, so both compute the same keys.
plugins_LTLIBRARIES += plugins/history.la plugins/consolidation.la \
	plugins/deadline.la plugins/roster.la
plugins_history_la_SOURCES = plugins/history.c plugins/history_copy.c \
	plugins/history.h plugins/related.h store/minhash.c store/minhash.h
plugins_history_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_history_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_consolidation_la_SOURCES = plugins/consolidation.c plugins/related.h
plugins_consolidation_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_consolidation_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_deadline_la_SOURCES = plugins/deadline.c
plugins_deadline_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_deadline_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_roster_la_SOURCES = plugins/roster.c
plugins_roster_la_CFLAGS = $(PLUGIN_CFLAGS)
plugins_roster_la_LDFLAGS = $(PLUGIN_LDFLAGS)
