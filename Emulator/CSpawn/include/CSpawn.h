#ifndef EMULATOR_CSPAWN_H
#define EMULATOR_CSPAWN_H

#include <spawn.h>

/* glibc declares posix_spawn_file_actions_addchdir_np only under _GNU_SOURCE, which Swift's Glibc
   module does not define; this wrapper is compiled with it. */
int cspawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *directory);

/* posix_spawn_file_actions_addclosefrom_np (glibc 2.34+): closes every descriptor from `lowest` up in
   the child, so a function never inherits the host's sockets or other instances' pipes. */
int cspawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

/* pipe2 with O_CLOEXEC, for the same reason. */
int cspawn_pipe_cloexec(int descriptors[2]);

#endif
