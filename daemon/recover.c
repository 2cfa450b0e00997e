/*
 * recover.c -- the restart half of exactly-once.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "nianbaod.h"
#include "recover.h"
#include "report.h"

static struct job *
job_new(const char *origin, const char *id, const char *name)
{
	struct job	*job;

	if ((job = calloc(1, sizeof(*job))) == NULL)
		return NULL;
	snprintf(job->id, sizeof(job->id), "%s", id);
	if ((job->origin = strdup(origin)) == NULL ||
	    (job->name = strdup(name)) == NULL) {
		job_free(job);
		return NULL;
	}
	return job;
}

/* One entry of work/[origin]: finish it or queue it. */
static void
resume(struct nbd *d, const char *origin, const char *entry, off_t size)
{
	struct job	*job;
	json_error_t	 jerr;
	const char	*name;
	char		 id[SPOOL_ID_LEN + 1], *stored, *text;
	int		 rc;

	if (!spool_parse_entry(entry, id, &name)) {
		/* Not ours (copied in by hand?): give it an id. */
		if (spool_reclaim(&d->spool, origin, entry, id, &stored) ==
		    -1) {
			log_err("无法接管 work/%s%s%s：%s", origin,
			    origin[0] ? "/" : "", entry, strerror(errno));
			return;
		}
		job = job_new(origin, id, stored);
		free(stored);
		rc = 0;
	} else {
		job = job_new(origin, id, name);
		rc = spool_has_result(&d->spool, id);
	}
	if (job == NULL) {
		log_err("内存不足，work/%s 留待下次启动", entry);
		return;
	}
	if (rc == 1) {
		/* Checked before the stop: only the last steps remain. */
		json_t *rec;

		text = spool_read_result(&d->spool, id);
		rec = text ? json_loads(text, 0, &jerr) : NULL;
		free(text);
		if (rec == NULL) {
			char path[SPOOL_ID_LEN + 8];

			log_err("结果文件 out/%s.json 无法读取，重新检查 %s", id,
			    job->name);
			snprintf(path, sizeof(path), "%s.json", id);
			unlinkat(d->spool.out_fd, path, 0);
		} else {
			if (report_finish(&d->spool, job, rec, 1) == 0)
				log_info("已完成中断前检查的报告 %s%s%s（编号 %s）",
				    origin, origin[0] ? "/" : "", job->name,
				    id);
			json_decref(rec);
			job_free(job);
			return;
		}
	}
	job->size = size;
	TAILQ_INSERT_TAIL(&d->queue, job, entry);
	d->queued++;
}

/* The entries of a folder, sorted, so ids are resumed in claim order. */
static int
cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
resume_dir(struct nbd *d, const char *origin)
{
	struct dirent	**list;
	struct stat	 st;
	char		 path[PATH_MAX];
	int		 n, i;

	snprintf(path, sizeof(path), "%s/work%s%s", d->spool.root,
	    origin[0] ? "/" : "", origin);
	if ((n = scandir(path, &list, NULL, cmp)) == -1) {
		log_err("无法读取目录 %s：%s", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *e = list[i]->d_name;
		char rel[PATH_MAX];

		if (strcmp(e, ".") == 0 || strcmp(e, "..") == 0)
			continue;
		snprintf(rel, sizeof(rel), "%s%s%s", origin,
		    origin[0] ? "/" : "", e);
		if (fstatat(d->spool.work_fd, rel, &st,
		    AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (origin[0] == '\0')
				resume_dir(d, e);
		} else
			resume(d, origin, e, st.st_size);
	}
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return 0;
}

/*
 * Temporary files of interrupted atomic writes (results in out/, reasons
 * in failed/ and its origin folders); depth 1 descends one level.
 */
static void
clean_tmp(int parent, const char *sub, int depth)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*dir;
	int		 fd;

	if ((fd = openat(parent, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return;
	if ((dir = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_name[0] == '.' && n > 5 &&
		    strcmp(de->d_name + n - 4, ".tmp") == 0)
			unlinkat(fd, de->d_name, 0);
		else if (depth > 0 && fstatat(fd, de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
			clean_tmp(fd, de->d_name, depth - 1);
	}
	closedir(dir);
}

int
recover(struct nbd *d)
{
	int	 rc;

	clean_tmp(d->spool.out_fd, ".", 0);
	clean_tmp(d->spool.failed_fd, ".", 1);
	if ((rc = spool_jsonl_repair(&d->spool)) == -1)
		log_err("无法检查 %s/out/findings.jsonl：%s", d->spool.root,
		    strerror(errno));
	else if (rc == 1)
		log_warn("findings.jsonl 最后一行不完整（上次异常退出），已截去");
	rc = resume_dir(d, "");
	if (d->queued > 0)
		log_notice("上次未检查完的 %zu 份报告重新排队", d->queued);
	return rc;
}
