/*
 * pack_read.c -- reading a rule pack's JSON and whatever it "extends".
 *
 * A province pack that "extends" another is merged into it at the JSON
 * level first (pack_merge), then the merged document is parsed once by
 * pack.c, so there is one parser and one set of validation messages.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalize.h"
#include "pack.h"

#define PACK_MAX_EXTENDS	8
/* A rule pack is tens of kilobytes; this bounds a wrong path's cost. */
#define NB_PACK_MAX_BYTES	(16 * 1024 * 1024)


static json_t *
find_by(json_t *arr, const char *key, json_t *want)
{
	size_t i;
	json_t *el;

	json_array_foreach(arr, i, el) {
		if (json_equal(json_object_get(el, key), want))
			return el;
	}
	return NULL;
}

/* Appends the elements of array `add` to array base[key] (created if needed). */
static int
append_array(json_t *base, const char *key, json_t *add)
{
	json_t *dst = json_object_get(base, key);

	if (add == NULL)
		return 0;
	if (!json_is_array(add))
		return -1;
	if (dst == NULL) {
		return json_object_set(base, key, add);
	}
	return json_array_extend(dst, add);
}

/* Appends el to arr, or puts it after the element whose idkey is its
 * "after": rows are read in their order, so 湖北's 其他主动公开文件 goes
 * after 规范性文件, where the form prints it. */
static int
insert_new(json_t *arr, const char *idkey, json_t *el)
{
	json_t *after = json_object_get(el, "after"), *x;
	size_t i;

	if (after == NULL)
		return json_array_append(arr, el);
	json_array_foreach(arr, i, x) {
		if (json_equal(json_object_get(x, idkey), after))
			return json_array_insert(arr, i + 1, el);
	}
	return -1;	/* no such row: the merge is refused */
}

/* Merges a list of objects matched by `idkey`: matched ones get their
 * keys/markers/cols appended, unmatched ones are appended whole. */
static int
merge_list(json_t *base, const char *key, json_t *add, const char *idkey)
{
	json_t *dst, *el;
	size_t i;

	if (add == NULL)
		return 0;
	if (!json_is_array(add))
		return -1;
	if ((dst = json_object_get(base, key)) == NULL)
		return json_object_set(base, key, add);
	json_array_foreach(add, i, el) {
		json_t *old = find_by(dst, idkey, json_object_get(el, idkey));
		if (old == NULL) {
			if (insert_new(dst, idkey, el) == -1)
				return -1;
			continue;
		}
		if (append_array(old, "keys", json_object_get(el, "keys")) ||
		    append_array(old, "markers", json_object_get(el, "markers")) ||
		    merge_list(old, "rows", json_object_get(el, "rows"), "id"))
			return -1;
		if (json_object_get(el, "label") != NULL &&
		    json_object_set(old, "label", json_object_get(el, "label")))
			return -1;
	}
	return 0;
}

int
nb_pack_merge(json_t *base, json_t *over)
{
	json_t *fmts, *plugins;

	if (merge_list(base, "sections", json_object_get(over, "sections"), "n") ||
	    merge_list(base, "tables", json_object_get(over, "tables"), "id") ||
	    append_array(base, "relations", json_object_get(over, "relations")) ||
	    append_array(base, "required", json_object_get(over, "required")) ||
	    append_array(base, "_rules", json_object_get(over, "_rules")))
		return -1;
	if ((fmts = json_object_get(over, "formats")) != NULL) {
		const char *k;
		json_t *f;

		json_object_foreach(fmts, k, f) {
			json_t *bf = json_object_get(json_object_get(base,
			    "formats"), k);
			if (bf == NULL || append_array(bf, "markers",
			    json_object_get(f, "markers")))
				return -1;
			/* A province's own pack for the format. */
			if (json_object_get(f, "pack") != NULL &&
			    json_object_set(bf, "pack", json_object_get(f,
			    "pack")) == -1)
				return -1;
		}
	}
	if ((plugins = json_object_get(over, "plugins")) != NULL) {
		json_t *bp = json_object_get(base, "plugins"), *p;
		const char *k;

		if (bp == NULL)
			return json_object_set(base, "plugins", plugins);
		json_object_foreach(plugins, k, p) {
			json_t *old = json_object_get(bp, k);
			if (old != NULL && json_is_object(old)) {
				if (json_object_update(old, p) == -1)
					return -1;
			} else if (json_object_set(bp, k, p) == -1)
				return -1;
		}
	}
	if (json_object_get(over, "id") == NULL)
		return 0;
	return json_object_set(base, "id", json_object_get(over, "id"));
}

/* A format's "pack" is a file next to the pack that names it: made a path
 * here, before merging, so a province pack extending this one finds it. */
static int
resolve_format_packs(json_t *root, const char *path)
{
	json_t *fmts = json_object_get(root, "formats"), *f;
	const char *k;
	char dir[PATH_MAX], full[PATH_MAX];

	json_object_foreach(fmts, k, f) {
		json_t *fp = json_object_get(f, "pack");
		const char *name;

		if ((name = json_string_value(fp)) == NULL || name[0] == '/')
			continue;
		snprintf(dir, sizeof(dir), "%s", path);
		if ((size_t)snprintf(full, sizeof(full), "%s/%s", dirname(dir),
		    name) >= sizeof(full) ||
		    json_object_set_new(f, "pack", json_string(full)) == -1)
			return -1;
	}
	return 0;
}

/*
 * A pack's JSON, read with one read(2) and parsed from memory: jansson's
 * json_load_file() takes the bytes one getc() at a time, which was a
 * tenth of a one-file check's start-up.  Errors as json_load_file's.
 */
json_t *
nb_pack_load_json(const char *path, json_error_t *jerr)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	json_t *root;
	int fd;

	jerr->line = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || (st.st_size > NB_PACK_MAX_BYTES &&
	    (errno = EFBIG)) || (buf = malloc((size_t)st.st_size + 1)) == NULL) {
		snprintf(jerr->text, sizeof(jerr->text), "unable to open %s: %s",
		    path, strerror(errno));
		if (fd != -1)
			close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	/* The one-pass parser; jansson's for what it gives up on, which
	 * says what is wrong. */
	if ((root = nb_pack_parse_json(buf, got)) == NULL)
		root = json_loadb(buf, got, JSON_REJECT_DUPLICATES, jerr);
	free(buf);
	return root;
}

/* Loads `path` and whatever it extends, returning the merged JSON. */
json_t *
nb_pack_read(const char *path, int depth, struct nb_error *err)
{
	json_error_t jerr;
	json_t *root, *base;
	const char *ext;
	char dir[PATH_MAX], basepath[PATH_MAX];

	if (depth > PACK_MAX_EXTENDS) {
		nb_fail(err, NB_ERR_CONFIG, "%s: \"extends\" 嵌套过深", path);
		return NULL;
	}
	if (access(path, R_OK) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 无法打开规则包：%s", path,
		    strerror(errno));
		return NULL;
	}
	if ((root = nb_pack_load_json(path, &jerr)) == NULL) {
		nb_fail(err, NB_ERR_CONFIG, "%s:%d: 规则包不是有效的 JSON：%s",
		    path, jerr.line, jerr.text);
		return NULL;
	}
	if (!json_is_object(root) ||
	    json_integer_value(json_object_get(root, "nianbao_rules")) != 1) {
		nb_fail(err, NB_ERR_CONFIG,
		    "%s: 不是 nianbao 规则包（缺少 \"nianbao_rules\": 1）", path);
		json_decref(root);
		return NULL;
	}
	if (nb_pack_check_keys(root, path, "$", 0, err) == -1) {
		json_decref(root);
		return NULL;
	}
	if (nb_pack_annotate(root, path, "$") == -1) {
		nb_fail(err, NB_ERR_NOMEM, "内存不足");
		json_decref(root);
		return NULL;
	}
	if (resolve_format_packs(root, path) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: \"formats\" 中规则包的文件名"
		    "无效", path);
		json_decref(root);
		return NULL;
	}
	if ((ext = json_string_value(json_object_get(root, "extends"))) == NULL)
		return root;
	snprintf(dir, sizeof(dir), "%s", path);
	if (ext[0] == '/')
		snprintf(basepath, sizeof(basepath), "%s", ext);
	else
		snprintf(basepath, sizeof(basepath), "%s/%s", dirname(dir), ext);
	if ((base = nb_pack_read(basepath, depth + 1, err)) == NULL) {
		char inner[sizeof(err->msg)];

		snprintf(inner, sizeof(inner), "%s", err ? err->msg : "");
		nb_fail(err, NB_ERR_CONFIG, "%s: 所扩展的规则包有误：%s", path,
		    inner);
		json_decref(root);
		return NULL;
	}
	if (nb_pack_merge(base, root) == -1) {
		nb_fail(err, NB_ERR_CONFIG, "%s: 无法合并到 %s（结构不符）", path,
		    basepath);
		json_decref(base);
		base = NULL;
	}
	json_decref(root);
	return base;
}
