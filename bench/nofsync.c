/*
 * nofsync.c -- LD_PRELOAD shim for one diagnostic run of bench/run.sh:
 * fsync(2), fdatasync(2), syncfs(2) and sync(2) return at once, so that
 * the drain measured with it shows how much of nianbaod's time goes to
 * durable writes.  syncfs() matters: the daemon's group commit uses it,
 * and a shim without it measured the flushes still.  Never use it for
 * real: a crash would lose results.
 */
int	fsync(int);
int	fdatasync(int);
int	syncfs(int);
void	sync(void);

int
fsync(int fd)
{
	(void)fd;
	return 0;
}

int
fdatasync(int fd)
{
	(void)fd;
	return 0;
}

int
syncfs(int fd)
{
	(void)fd;
	return 0;
}

void
sync(void)
{
}
