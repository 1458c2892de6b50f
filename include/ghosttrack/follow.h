/*
 * follow.h - follow a growing file like `tail -F`, for `ghosttrack watch`
 * (issue #17).
 *
 * The file is reopened by name when it is replaced (rename and a new file,
 * as logrotate does by default) after the old one has been read to its
 * end, and read again from 0 when it shrinks (truncation, logrotate's
 * copytruncate).  Reads never block: nothing new is nothing returned.  The
 * resume point is (device, inode, offset): after a restart reading goes on
 * where it stopped when the file is still the same one, else from 0.
 * Nothing reads the clock: the caller decides how often to ask.
 */
#ifndef GT_FOLLOW_H
#define GT_FOLLOW_H

#include <stddef.h>
#include <stdint.h>

#include "ghosttrack/err.h"

struct gt_follow;

/* Follow path; start reading at byte offset `from` if the file's (dev,
 * ino) equals the (dev, ino) given and it is at least `from` bytes long
 * (resume after a restart), else at 0.  dev = ino = 0: start at 0.  A
 * missing file is not an error: it is waited for.  Returns GT_OK and *out
 * (free with gt_follow_close()), GT_ERR_INVAL, GT_ERR_NOMEM, or GT_ERR_IO
 * when path exists but cannot be read (a directory, no permission). */
GT_MUST_CHECK int gt_follow_open(const char *path, uint64_t dev, uint64_t ino, uint64_t from,
                                 struct gt_follow **out);

/* Copy up to cap new bytes into buf; *got = 0 when there is nothing new.
 * *rotated = 1 when the file was replaced (a new inode) or truncated since
 * the bytes returned before: these bytes are then from the start of the
 * new file and the caller resets its framing; else 0.  The flag comes with
 * the first bytes of the new file (never with *got = 0), so it is seen
 * once.  Returns GT_OK or GT_ERR_IO (a read error; the next call tries
 * again). */
GT_MUST_CHECK int gt_follow_read(struct gt_follow *f, uint8_t *buf, size_t cap, size_t *got,
                                 int *rotated);

/* Where reading is: the file's device and inode (0, 0 while it is
 * missing) and the offset of the next byte, for persisting the resume
 * point. */
void gt_follow_where(const struct gt_follow *f, uint64_t *dev, uint64_t *ino, uint64_t *offset);

/* Close the file and free f; gt_follow_close(NULL) is a no-op. */
void gt_follow_close(struct gt_follow *f);

#endif /* GT_FOLLOW_H */
