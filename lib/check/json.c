/*
 * json.c -- the few jansson helpers every JSON writer of ours needs: the
 * CLI's record (result_json.c), the worker's model (result_model.c) and
 * the board's report (board/report_json.c) write numbers, keys and lists
 * of strings the same way.
 */
#include <math.h>

#include "nianbao.h"

json_t *
nb_json_number(double v)
{
	if (v == floor(v) && fabs(v) < 9e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

int
nb_json_put(json_t *o, const char *k, json_t *v)
{
	return v == NULL || json_object_set_new(o, k, v) == -1 ? -1 : 0;
}

json_t *
nb_json_strings(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a != NULL && i < n; i++)
		if (json_array_append_new(a, json_string(v[i])) == -1) {
			json_decref(a);
			return NULL;
		}
	return a;
}
