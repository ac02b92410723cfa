#ifndef EMULATOR_CSPAWN_H
#define EMULATOR_CSPAWN_H

#include <spawn.h>

/* glibc declares posix_spawn_file_actions_addchdir_np only under _GNU_SOURCE, which Swift's Glibc
   module does not define; this wrapper is compiled with it. */
int cspawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *directory);

/* pipe2 with O_CLOEXEC, for the same reason. */
int cspawn_pipe_cloexec(int descriptors[2]);

#endif
