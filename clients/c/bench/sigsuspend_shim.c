/*
 * sigsuspend_shim.c - LD_PRELOAD'ed into the server by profile.sh only.
 *
 * Swift's async main parks the main thread in libdispatch's
 * _dispatch_sig_thread, which calls sigsuspend() with a mask in read-only
 * memory. Valgrind 3.19 (Debian 12) rewrites that mask in place to keep its
 * own signals deliverable and dies with SIGSEGV. This passes it a writable
 * copy instead; behaviour is otherwise identical.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)(_NSIG / 8));
}
