/*
 * ctl.h -- nianbaod used as its own control program: `--reload PID`
 * (the unit's ExecReload) checks the configuration, then signals PID.
 */
#ifndef NBD_CTL_H
#define NBD_CTL_H

/* Sends SIGHUP to the daemon whose pid is the text pid; 0 or 1 (logged). */
int	ctl_reload(const char *pid);

#endif
