/*
 * watch.c -- inotify and the scans that make up for what inotify cannot
 * tell (start-up, overflow, a folder created with files already in it).
 */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "log.h"
#include "nianbaod.h"
#include "refused.h"
#include "settle.h"
#include "watch.h"

#define DIR_MASK	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | \
			 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | \
			 IN_DONT_FOLLOW | IN_EXCL_UNLINK)
/* A file changed this recently may still be being written by cp. */
#define SETTLE_NS	1000000000LL

struct wdir {
	int	 wd;
	char	*origin;		/* "" for incoming/ itself */
};

struct watch {
	struct nbd	*d;
	int		 fd;
	struct event	*ev;
	struct event	*scan_ev;
	struct wdir	*dirs;
	size_t		 ndirs, cap;
	int		 top_lost;
	int		 unsettled;	/* files the last scan left to settle */
	struct settle	*settle;	/* renamed files wait a moment */
	struct refused	*refused;	/* names left alone, logged once */
};

int
watch_ignored_name(const char *name)
{
	size_t	 n = strlen(name);

	if (name[0] == '.' || strncmp(name, "~$", 2) == 0)
		return 1;
	if (n >= 5 && strcmp(name + n - 5, ".part") == 0)
		return 1;
	if (n >= 4 && strcmp(name + n - 4, ".tmp") == 0)
		return 1;
	return 0;
}

static struct wdir *
find_wd(struct watch *w, int wd)
{
	size_t	 i;

	for (i = 0; i < w->ndirs; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

static void
drop_wd(struct watch *w, int wd)
{
	size_t	 i;

	for (i = 0; i < w->ndirs; i++)
		if (w->dirs[i].wd == wd) {
			free(w->dirs[i].origin);
			w->dirs[i] = w->dirs[--w->ndirs];
			return;
		}
}

/* Watches incoming/[origin]; 0 ok, -1 error (logged). */
static int
add_watch(struct watch *w, const char *origin)
{
	char		 path[PATH_MAX];
	struct wdir	*nd;
	int		 wd, n;

	n = snprintf(path, sizeof(path), "%s/incoming%s%s",
	    w->d->spool.root, origin[0] ? "/" : "", origin);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -1;
	if ((wd = inotify_add_watch(w->fd, path, DIR_MASK)) == -1) {
		if (errno == ENOSPC)
			log_err("无法监视目录 %s：已达 inotify 监视数上限"
			    "（fs.inotify.max_user_watches），依靠定期扫描",
			    path);
		else if (errno != ENOENT)
			log_err("无法监视目录 %s：%s", path, strerror(errno));
		return -1;
	}
	if ((nd = find_wd(w, wd)) != NULL) {
		/* The same folder renamed within incoming/: new origin. */
		char *o;

		if (strcmp(nd->origin, origin) != 0 &&
		    (o = strdup(origin)) != NULL) {
			free(nd->origin);
			nd->origin = o;
		}
		return 0;
	}
	if (w->ndirs == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;

		if ((nd = reallocarray(w->dirs, cap, sizeof(*nd))) == NULL)
			goto nomem;
		w->dirs = nd;
		w->cap = cap;
	}
	if ((w->dirs[w->ndirs].origin = strdup(origin)) == NULL)
		goto nomem;
	w->dirs[w->ndirs++].wd = wd;
	return 0;
 nomem:
	inotify_rm_watch(w->fd, wd);
	log_err("内存不足，无法监视目录 %s", path);
	return -1;
}

static long long
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Scans incoming/[origin]; returns how many files were left to settle. */
static int
scan_dir(struct watch *w, const char *origin)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*dir;
	long long	 now = now_ns(), mt;
	int		 fd, deferred = 0;

	if (origin[0] == '\0')
		fd = openat(w->d->spool.in_fd, ".", O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
	else
		fd = openat(w->d->spool.in_fd, origin, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1 || (dir = fdopendir(fd)) == NULL) {
		if (errno != ENOENT)
			log_err("无法扫描目录 %s/incoming/%s：%s",
			    w->d->spool.root, origin, strerror(errno));
		if (fd != -1)
			close(fd);
		return 0;
	}
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (watch_ignored_name(de->d_name)) {
			refused_note(w->refused, origin, de->d_name, 0);
			continue;
		}
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			/* One level only: deeper folders are not origins. */
			if (origin[0] == '\0') {
				add_watch(w, de->d_name);
				deferred += scan_dir(w, de->d_name);
			} else
				refused_note(w->refused, origin, de->d_name, 1);
			continue;
		}
		mt = (long long)st.st_mtim.tv_sec * 1000000000LL +
		    st.st_mtim.tv_nsec;
		if (S_ISREG(st.st_mode) && now - mt < SETTLE_NS &&
		    mt - now < SETTLE_NS) {
			deferred++;
			continue;
		}
		deferred += nbd_found(w->d, origin, de->d_name);
		if (w->d->stopping)
			break;
	}
	closedir(dir);
	return deferred;
}

void
watch_scan_now(struct watch *w)
{
	if (w->top_lost) {
		/* incoming/ was removed or moved: make it again. */
		if (mkdirat(w->d->spool.root_fd, "incoming", 0750) == -1 &&
		    errno != EEXIST)
			log_err("无法重建目录 %s/incoming：%s",
			    w->d->spool.root, strerror(errno));
		if (add_watch(w, "") == 0)
			w->top_lost = 0;
	}
	w->unsettled = scan_dir(w, "");
	if (w->unsettled > 0 || w->top_lost)
		watch_rescan(w, 1000);
}

struct job *
watch_begin_early(struct watch *w)
{
	return settle_begin_next(w->settle);
}

int
watch_idle(const struct watch *w)
{
	return w->unsettled == 0 && !w->top_lost && settle_idle(w->settle);
}

static void
on_scan(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	watch_scan_now(arg);
}

void
watch_rescan(struct watch *w, int delay_ms)
{
	struct timeval	 tv = { delay_ms / 1000, (delay_ms % 1000) * 1000 };

	/* Already due: one scan covers every request. */
	if (evtimer_pending(w->scan_ev, NULL))
		return;
	evtimer_add(w->scan_ev, &tv);
}

/*
 * Is the file just created still empty?  open(2) with O_CREAT raises
 * IN_CREATE before its writer's descriptor is open: a lease taken in that
 * moment is granted, the writer's open then waits for it, and writes once
 * the file is claimed (a burst of cp showed reports read empty or cut).
 * An empty new file waits for its IN_CLOSE_WRITE, or for a scan once it
 * has settled (a file linked in empty by linkat(2)).
 */
static int
empty_now(struct watch *w, const char *origin, const char *name)
{
	struct stat	 st;
	int		 dfd, rc;

	if ((dfd = spool_origin_fd(w->d->spool.in_fd, origin, 0)) == -1)
		return 0;
	rc = fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode) && st.st_size == 0;
	spool_origin_close(w->d->spool.in_fd, dfd);
	return rc;
}

static void
handle(struct watch *w, const struct inotify_event *ev)
{
	struct wdir	*dir;

	if (ev->mask & IN_Q_OVERFLOW) {
		log_warn("inotify 事件队列溢出，部分事件丢失；重新扫描 "
		    "incoming/");
		watch_rescan(w, 100);
		return;
	}
	if ((dir = find_wd(w, ev->wd)) == NULL)
		return;
	if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF |
	    IN_UNMOUNT)) {
		if (dir->origin[0] == '\0') {
			log_err("目录 %s/incoming 被删除或移走；尝试重建",
			    w->d->spool.root);
			w->top_lost = 1;
			watch_rescan(w, 1000);
		} else if (ev->mask & IN_MOVE_SELF) {
			/*
			 * Moved: out of incoming/ perhaps, where what it
			 * holds is none of ours.  Its watch goes now; the
			 * rescan watches it again under its new name if it
			 * is still an origin folder.
			 */
			inotify_rm_watch(w->fd, ev->wd);
			drop_wd(w, ev->wd);
			watch_rescan(w, 100);
			return;
		}
		if (ev->mask & IN_IGNORED)
			drop_wd(w, ev->wd);
		return;
	}
	if (ev->len == 0)
		return;
	if (watch_ignored_name(ev->name)) {
		if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_ISDIR))
			refused_note(w->refused, dir->origin, ev->name, 0);
		return;
	}
	if (ev->mask & IN_ISDIR) {
		if (dir->origin[0] != '\0' &&
		    (ev->mask & (IN_CREATE | IN_MOVED_TO)))
			refused_note(w->refused, dir->origin, ev->name, 1);
		if (dir->origin[0] == '\0' &&
		    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
			/* Watch first, then scan: files copied in meanwhile
			 * are seen at least once. */
			add_watch(w, ev->name);
			if (scan_dir(w, ev->name) > 0) {
				w->unsettled = 1;
				watch_rescan(w, 1000);
			}
		}
		return;
	}
	/*
	 * A rename is taken once it has settled (mv looks at the file again
	 * after its rename).  IN_CREATE too: link(2), and O_TMPFILE then
	 * linkat(2), raise nothing else.  A file its writer still holds is
	 * busy, and looked at again by a scan until it is closed
	 * (IN_CLOSE_WRITE may come first).
	 */
	if (ev->mask & IN_MOVED_TO) {
		settle_add(w->settle, dir->origin, ev->name);
		return;
	}
	if ((ev->mask & (IN_CREATE | IN_CLOSE_WRITE)) == IN_CREATE &&
	    empty_now(w, dir->origin, ev->name)) {
		w->unsettled = 1;
		watch_rescan(w, 1000);
		return;
	}
	if ((ev->mask & (IN_CREATE | IN_CLOSE_WRITE)) &&
	    nbd_found(w->d, dir->origin, ev->name) == 1)
		watch_rescan(w, 1000);
}

static void
on_inotify(evutil_socket_t fd, short what, void *arg)
{
	struct watch	*w = arg;
	char		 buf[65536]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	char		*p;

	(void)what;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return;
		if (n <= 0) {
			log_err("读取 inotify 事件失败：%s；改为重新扫描",
			    n == 0 ? "意外结束" : strerror(errno));
			watch_rescan(w, 1000);
			return;
		}
		for (p = buf; p < buf + n;
		    p += sizeof(struct inotify_event) + ev->len) {
			ev = (const struct inotify_event *)p;
			handle(w, ev);
		}
	}
}

struct watch *
watch_open(struct nbd *d, char *err, size_t errlen)
{
	struct watch	*w;

	if ((w = calloc(1, sizeof(*w))) == NULL) {
		snprintf(err, errlen, "内存不足");
		return NULL;
	}
	w->d = d;
	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		snprintf(err, errlen, "无法初始化 inotify：%s%s",
		    strerror(errno), errno == EMFILE ? "（已达 fs.inotify."
		    "max_user_instances 上限）" : "");
		free(w);
		return NULL;
	}
	w->ev = event_new(d->base, w->fd, EV_READ | EV_PERSIST, on_inotify,
	    w);
	w->scan_ev = evtimer_new(d->base, on_scan, w);
	w->settle = settle_new(d, d->base);
	w->refused = refused_new();
	if (w->ev == NULL || w->scan_ev == NULL || w->settle == NULL ||
	    w->refused == NULL || event_add(w->ev, NULL) == -1) {
		snprintf(err, errlen, "内存不足");
		watch_close(w);
		return NULL;
	}
	if (add_watch(w, "") == -1) {
		snprintf(err, errlen, "无法监视目录 %s/incoming：%s",
		    d->spool.root, strerror(errno));
		watch_close(w);
		return NULL;
	}
	return w;
}

void
watch_close(struct watch *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	if (w->ev != NULL)
		event_free(w->ev);
	if (w->scan_ev != NULL)
		event_free(w->scan_ev);
	settle_free(w->settle);
	refused_free(w->refused);
	for (i = 0; i < w->ndirs; i++)
		free(w->dirs[i].origin);
	free(w->dirs);
	close(w->fd);
	free(w);
}
